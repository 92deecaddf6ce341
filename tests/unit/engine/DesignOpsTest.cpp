// Every design, driven one request at a time the way the probes drive them:
// start, submit, flush, reap, cancel, stop, on real files and real fds.
#include "TempDir.h"
#include "engine/DesignRegistry.h"
#include "engine/ThreadContext.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace aioscope;
using namespace aioscope::engine;

namespace {

bool userSpaceExecutor(std::string_view name) {
    return name == "sync" || name == "pool" || name == "pool-impersonate" || name == "syslet";
}

class DesignOps : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        auto d = DesignRegistry::create(GetParam());
        ASSERT_TRUE(d.ok()) << d.error().message;
        design = std::move(*d);
        DesignOptions opts;
        opts.queueDepth = 8;
        opts.workers = 2;
        auto st = design->start(opts);
        ASSERT_TRUE(st.ok()) << st.error().message;
    }
    void TearDown() override {
        if (design)
            design->stop();
    }
    // Submits one request and waits for its completion.
    IoCompletion roundTrip(const IoRequest& r) {
        auto s = design->submit(r);
        EXPECT_TRUE(s.ok()) << s.error().message;
        EXPECT_TRUE(design->flush().ok());
        IoCompletion c[4];
        auto n = design->reap(c, 1, 5000);
        EXPECT_TRUE(n.ok());
        EXPECT_EQ(*n, 1u);
        EXPECT_EQ(c[0].seq, r.seq);
        return c[0];
    }

    std::unique_ptr<Design> design;
    test::TempDir dir;
};

TEST(DesignRegistryTest, ListsNineDesignsInDesignOrder) {
    auto names = DesignRegistry::names();
    std::vector<std::string> got(names.begin(), names.end());
    EXPECT_EQ(got, (std::vector<std::string>{"sync", "pool", "pool-impersonate", "syslet", "posix-aio", "libaio",
                                              "io_uring", "io_uring-async", "io_uring-sqpoll"}));
    for (auto n : names) {
        auto d = DesignRegistry::create(n);
        ASSERT_TRUE(d.ok());
        EXPECT_EQ((*d)->name(), n);
    }
    auto bad = DesignRegistry::create("threadlets");
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find("threadlets"), std::string::npos);
    EXPECT_NE(bad.error().message.find("io_uring-sqpoll"), std::string::npos);
}

TEST_P(DesignOps, WritesReadsBackAndFsyncs) {
    int fd = ::open((dir / "f").c_str(), O_RDWR | O_CREAT, 0600);
    ASSERT_GE(fd, 0);
    alignas(4096) static thread_local char out[4096], in[4096];
    for (int i = 0; i < 4096; ++i)
        out[i] = static_cast<char>(i * 7 + 1);
    IoRequest w{.seq = 1, .op = IoOp::Write, .fd = fd, .buffer = out, .length = 4096, .offset = 8192};
    IoCompletion cw = roundTrip(w);
    EXPECT_EQ(cw.result, 4096);
    IoRequest r{.seq = 2, .op = IoOp::Read, .fd = fd, .buffer = in, .length = 4096, .offset = 8192};
    IoCompletion cr = roundTrip(r);
    EXPECT_EQ(cr.result, 4096);
    EXPECT_EQ(std::memcmp(in, out, 4096), 0);
    IoRequest f{.seq = 3, .op = IoOp::Fsync, .fd = fd};
    EXPECT_EQ(roundTrip(f).result, 0);

    if (userSpaceExecutor(GetParam())) {
        EXPECT_NE(cr.executorTid, 0);
        EXPECT_TRUE(cr.executor.has(ContextSnapshot::kTid));
        EXPECT_EQ(cr.executor.tid, cr.executorTid);
        EXPECT_NE(cr.startNs, kNoTime);
        EXPECT_LE(cr.startNs, cr.endNs);
    } else {
        EXPECT_EQ(cr.executorTid, 0) << "kernel executors are not visible from user space";
    }
    if (GetParam() == "pool" || GetParam() == "pool-impersonate") {
        EXPECT_NE(cr.executorTid, currentTid());
        auto workers = design->workers();
        ASSERT_EQ(workers.size(), 2u);
        EXPECT_TRUE(std::any_of(workers.begin(), workers.end(), [&](auto& w) { return w.tid == cr.executorTid; }));
        for (auto& wi : workers)
            EXPECT_EQ(wi.createdBy, currentTid());
    }
    if (GetParam() == "sync" || GetParam() == "syslet")
        EXPECT_EQ(cr.executorTid, currentTid());
    ::close(fd);
}

TEST_P(DesignOps, OpensARelativePathWhereSupported) {
    bool expected = GetParam() != "posix-aio" && GetParam() != "libaio";
    ASSERT_EQ(design->supports(IoOp::Open), expected);
    if (!expected)
        return; // libaio and POSIX AIO have no open operation: supports() says so, nothing to run
    int dirfd = ::open(dir.path().c_str(), O_DIRECTORY | O_RDONLY);
    ASSERT_GE(dirfd, 0);
    IoRequest o{.seq = 7, .op = IoOp::Open, .fd = dirfd, .path = "created-by-design", .openFlags = O_CREAT | O_RDWR,
                .openMode = 0600};
    IoCompletion c = roundTrip(o);
    ASSERT_GE(c.result, 0) << std::strerror(static_cast<int>(-c.result));
    struct stat st{};
    EXPECT_EQ(::stat((dir / "created-by-design").c_str(), &st), 0);
    ::close(static_cast<int>(c.result));
    ::close(dirfd);
}

TEST_P(DesignOps, PollFiresAndAPollThatDoesNotFireCanBeCancelled) {
    bool expected = GetParam() != "posix-aio";
    ASSERT_EQ(design->supports(IoOp::Poll), expected);
    if (!expected)
        return; // POSIX AIO has no poll operation: supports() says so, nothing to run
    int efd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    ASSERT_GE(efd, 0);

    // Not ready: user-space designs give up after pollTimeoutMs (-ETIME),
    // kernel designs wait until cancelled.
    IoRequest p{.seq = 10, .op = IoOp::Poll, .fd = efd, .pollEvents = POLLIN, .pollTimeoutMs = 50};
    ASSERT_TRUE(design->submit(p).ok());
    ASSERT_TRUE(design->flush().ok());
    IoCompletion c[4];
    auto n = design->reap(c, 1, 200);
    ASSERT_TRUE(n.ok());
    if (*n == 0) {
        ASSERT_TRUE(design->cancel(10).ok());
        n = design->reap(c, 1, 5000);
        ASSERT_TRUE(n.ok());
    }
    ASSERT_EQ(*n, 1u);
    EXPECT_EQ(c[0].seq, 10u);
    EXPECT_LE(c[0].result, 0) << "a poll on an empty eventfd must not report events";

    // Ready: the poll reports POLLIN.
    std::uint64_t one = 1;
    ASSERT_EQ(::write(efd, &one, sizeof one), 8);
    IoRequest q{.seq = 11, .op = IoOp::Poll, .fd = efd, .pollEvents = POLLIN, .pollTimeoutMs = 1000};
    IoCompletion cq = roundTrip(q);
    EXPECT_GT(cq.result, 0);
    EXPECT_TRUE(cq.result & POLLIN);
    ::close(efd);
}

TEST_P(DesignOps, ReportsErrorsAsNegativeErrno) {
    int fd = ::open((dir / "ro").c_str(), O_RDONLY | O_CREAT, 0600);
    ASSERT_GE(fd, 0);
    alignas(4096) static thread_local char buf[4096];
    IoRequest w{.seq = 20, .op = IoOp::Write, .fd = fd, .buffer = buf, .length = 4096, .offset = 0};
    EXPECT_EQ(roundTrip(w).result, -EBADF);
    ::close(fd);
}

INSTANTIATE_TEST_SUITE_P(AllDesigns, DesignOps,
                         ::testing::Values("sync", "pool", "pool-impersonate", "syslet", "posix-aio", "libaio",
                                           "io_uring", "io_uring-async", "io_uring-sqpoll"),
                         [](const auto& info) {
                             std::string s = info.param;
                             std::replace(s.begin(), s.end(), '-', '_');
                             return s;
                         });

} // namespace
