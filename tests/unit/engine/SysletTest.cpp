// syslet: a request that would block keeps its submitter (the executor is the
// thread that submitted it) while the submission loop continues on a spare.
#include "engine/SysletDesign.h"
#include "engine/ThreadContext.h"

#include <gtest/gtest.h>

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

using namespace aioscope;
using namespace aioscope::engine;

TEST(SysletTest, BlockingRequestKeepsItsSubmitterAndTheLoopMovesToASpare) {
    SysletDesign d;
    DesignOptions opts;
    opts.queueDepth = 4;
    ASSERT_TRUE(d.start(opts).ok());
    int efd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    ASSERT_GE(efd, 0);

    const int caller = currentTid();
    int firstStepTid = 0, secondStepTid = 0;
    IoCompletion got{};
    int stepNo = 0;
    d.drive([&]() -> bool {
        switch (stepNo++) {
        case 0: {
            firstStepTid = currentTid();
            // Not ready: would block, so this thread keeps the poll and the
            // loop (step 1) runs elsewhere meanwhile.
            IoRequest p{.seq = 1, .op = IoOp::Poll, .fd = efd, .pollEvents = POLLIN, .pollTimeoutMs = 5000};
            EXPECT_TRUE(d.submit(p).ok());
            return true;
        }
        case 1: {
            secondStepTid = currentTid();
            std::uint64_t one = 1;
            EXPECT_EQ(::write(efd, &one, sizeof one), 8); // wakes the blocked poll
            return true;
        }
        case 2: {
            IoCompletion c[2];
            auto n = d.reap(c, 1, 5000);
            EXPECT_TRUE(n.ok());
            EXPECT_EQ(*n, 1u);
            got = c[0];
            return false;
        }
        default:
            return false;
        }
    });
    EXPECT_EQ(firstStepTid, caller);
    EXPECT_NE(secondStepTid, caller) << "the loop did not move to a spare thread";
    EXPECT_EQ(got.seq, 1u);
    EXPECT_GT(got.result, 0);
    EXPECT_EQ(got.executorTid, caller) << "the blocked call must run in its submitter";
    EXPECT_EQ(got.continuationTid, secondStepTid);
    EXPECT_NE(got.submitReturnNs, kNoTime);
    auto spares = d.workers();
    EXPECT_TRUE(std::any_of(spares.begin(), spares.end(), [&](auto& w) { return w.tid == secondStepTid; }));
    d.stop();
    ::close(efd);
}

TEST(SysletTest, CachedReadCompletesInlineWithoutMovingTheLoop) {
    SysletDesign d;
    ASSERT_TRUE(d.start({}).ok());
    char path[] = "/tmp/engine-syslet-XXXXXX";
    int fd = ::mkstemp(path);
    ASSERT_GE(fd, 0);
    ::unlink(path);
    char data[4096] = {1, 2, 3};
    ASSERT_EQ(::pwrite(fd, data, sizeof data, 0), 4096); // now in the page cache
    char buf[4096];
    int loopTid = 0;
    IoCompletion got{};
    int stepNo = 0;
    d.drive([&]() -> bool {
        if (stepNo++ == 0) {
            IoRequest r{.seq = 5, .op = IoOp::Read, .fd = fd, .buffer = buf, .length = 4096, .offset = 0};
            EXPECT_TRUE(d.submit(r).ok());
            EXPECT_TRUE(d.ownsLoop());
            return true;
        }
        loopTid = currentTid();
        IoCompletion c[1];
        auto n = d.reap(c, 1, 1000);
        EXPECT_EQ(*n, 1u);
        got = c[0];
        return false;
    });
    EXPECT_EQ(loopTid, currentTid());
    EXPECT_EQ(got.result, 4096);
    EXPECT_TRUE(got.ranInline);
    EXPECT_EQ(got.continuationTid, 0);
    d.stop();
    ::close(fd);
}
