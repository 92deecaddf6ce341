#include "trace/live/LiveCapture.h"
#include "trace/live/CapturedEventList.h"
#include "trace/live/LiveCaptureReader.h"
#include "trace/live/LiveEventPreset.h"
#include "trace/live/ProcessFollower.h"
#include "trace/live/TracefsInstance.h"
#include "trackers/TraceImporter.h"

#include "TempDir.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <liburing.h>
#include <set>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace aioscope;
using namespace aioscope::trace::live;
using aioscope::test::TempDir;

namespace {

bool canTrace(std::string& why) {
    if (::geteuid() != 0) {
        why = "tracefs instances need root";
        return false;
    }
    return true;
}

std::unique_ptr<LiveCapture> openEngineCapture(std::size_t kb = 4096) {
    auto events = LiveEventPreset::named("engine");
    EXPECT_TRUE(events.ok());
    auto capture = LiveCapture::open({*events, "test", kb});
    EXPECT_TRUE(capture.ok()) << (capture.ok() ? "" : capture.error().message);
    return capture.ok() ? std::move(*capture) : nullptr;
}

pid_t gettidNow() {
    return static_cast<pid_t>(::syscall(SYS_gettid));
}

bool exists(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0;
}

} // namespace

// pwrite64 from this thread and from a thread created during the capture:
// both arrive as sys_enter_pwrite64 of the right tid, the new thread is
// followed from the parent's task_newtask, and another process is not.
TEST(LiveCapture, RecordsOurThreadsAndNotOthers) {
    std::string why;
    if (!canTrace(why))
        GTEST_SKIP() << why;
    TempDir dir;
    int fd = ::open((dir.path() + "/f").c_str(), O_RDWR | O_CREAT, 0600);
    ASSERT_GE(fd, 0);
    auto capture = openEngineCapture();
    ASSERT_TRUE(capture);
    const std::string path = capture->instance().path();
    EXPECT_TRUE(exists(path)) << path;
    EXPECT_NE(capture->instanceName().find(std::to_string(::getpid())), std::string::npos);
    ASSERT_TRUE(capture->start().ok());
    char buf[512] = {};
    ASSERT_EQ(::pwrite(fd, buf, sizeof buf, 0), 512);
    pid_t childTid = 0;
    std::thread t([&] {
        childTid = gettidNow();
        (void)!::pwrite(fd, buf, sizeof buf, 4096);
    });
    t.join();
    pid_t other = ::fork();
    if (other == 0) {
        (void)!::pwrite(fd, buf, sizeof buf, 8192);
        ::_exit(0);
    }
    ::waitpid(other, nullptr, 0);
    capture->stop();
    CapturedEventList all;
    ProcessFollower follower(all, {gettidNow()});
    capture->replay(follower);
    int mine = 0, child = 0, forked = 0;
    bool newtask = false;
    for (const auto& e : all.events) {
        if (e.name == "sys_enter_pwrite64") {
            mine += e.tid == gettidNow() && e.number("pos") == 0;
            child += e.tid == childTid && e.number("pos") == 4096;
            forked += e.tid == other;
        }
        newtask |= e.name == "task_newtask" && e.number("pid") == childTid;
    }
    EXPECT_EQ(mine, 1);
    EXPECT_EQ(child, 1);
    EXPECT_TRUE(newtask);
    // The fork is our child too (followed by design): its event is kept.
    EXPECT_EQ(forked, 1);
    EXPECT_EQ(capture->lostEvents(), 0u);
    capture->close();
    EXPECT_FALSE(exists(path)) << path << " should be removed";
    ::close(fd);
}

// io-wq workers are created without sched_process_fork; the follower still
// takes their events (task_newtask in the submitter names them).
TEST(LiveCapture, FollowsIoWqWorkers) {
    std::string why;
    if (!canTrace(why))
        GTEST_SKIP() << why;
    TempDir dir;
    int fd = ::open((dir.path() + "/f").c_str(), O_RDWR | O_CREAT, 0600);
    ASSERT_GE(fd, 0);
    auto capture = openEngineCapture();
    ASSERT_TRUE(capture);
    ASSERT_TRUE(capture->start().ok());
    io_uring ring;
    ASSERT_EQ(io_uring_queue_init(8, &ring, 0), 0);
    char buf[4096] = {};
    for (int i = 0; i < 4; ++i) {
        io_uring_sqe* sqe = io_uring_get_sqe(&ring);
        io_uring_prep_write(sqe, fd, buf, sizeof buf, static_cast<__u64>(i) * 4096);
        sqe->flags |= IOSQE_ASYNC;
        sqe->user_data = 0x5150 + static_cast<__u64>(i);
    }
    ASSERT_EQ(io_uring_submit(&ring), 4);
    for (int i = 0; i < 4; ++i) {
        io_uring_cqe* cqe = nullptr;
        ASSERT_EQ(io_uring_wait_cqe(&ring, &cqe), 0);
        io_uring_cqe_seen(&ring, cqe);
    }
    io_uring_queue_exit(&ring);
    capture->stop();
    CapturedEventList all;
    ProcessFollower follower(all, {gettidNow()});
    capture->replay(follower);
    // The workers are the threads this one created (task_newtask), known by
    // tid: their comm comes from saved_cmdlines, which a busy machine's
    // other processes may have overwritten by the time the capture stops.
    std::set<std::int64_t> created;
    for (const auto& e : all.events)
        if (e.name == "task_newtask" && e.tid == gettidNow())
            created.insert(e.number("pid").value_or(-1));
    int queued = 0, completedByWorker = 0;
    for (const auto& e : all.events) {
        const auto ud = e.number("user_data").value_or(0);
        if (ud < 0x5150 || ud > 0x5153)
            continue;
        queued += e.name == "io_uring_queue_async_work" && e.tid == gettidNow();
        completedByWorker += e.name == "io_uring_complete" && e.tid != gettidNow() && created.count(e.tid);
    }
    EXPECT_EQ(queued, 4);
    EXPECT_EQ(completedByWorker, 4) << "the io-wq worker's io_uring_complete events were not followed";
    ::close(fd);
}

// Never silently dropped: a flood into a small buffer either arrives whole
// or the capture reports how many events the kernel dropped.
TEST(LiveCapture, CountsWhatTheKernelDropped) {
    std::string why;
    if (!canTrace(why))
        GTEST_SKIP() << why;
    auto capture = LiveCapture::open({{{"syscalls", "sys_enter_getppid", ""}}, "test", 64});
    ASSERT_TRUE(capture.ok()) << capture.error().message;
    ASSERT_TRUE((*capture)->start().ok());
    constexpr int kCalls = 400000;
    for (int i = 0; i < kCalls; ++i)
        ::syscall(SYS_getppid);
    (*capture)->stop();
    CapturedEventList all;
    ProcessFollower follower(all, {gettidNow()});
    (*capture)->replay(follower);
    const std::uint64_t got = all.events.size();
    const std::uint64_t lost = (*capture)->lostEvents();
    EXPECT_GE(got + lost, static_cast<std::uint64_t>(kCalls)) << got << " delivered, " << lost << " reported lost";
    bool warned = false;
    for (const auto& w : all.warnings)
        warned |= w.kind == ImportProblem::LostEvents && w.count > 0;
    EXPECT_EQ(warned, lost > 0);
    std::printf("flood: %llu delivered, %llu lost\n", static_cast<unsigned long long>(got),
                static_cast<unsigned long long>(lost));
}

// An instance whose owner is gone (a crash) is removed by the next open;
// one whose owner runs (another capture) is left alone.
TEST(LiveCapture, RemovesInstancesOfDeadOwnersOnly) {
    std::string why;
    if (!canTrace(why))
        GTEST_SKIP() << why;
    pid_t dead = ::fork();
    if (dead == 0)
        ::_exit(0);
    ::waitpid(dead, nullptr, 0);
    const std::string stale = "/sys/kernel/tracing/instances/aioscope-" + std::to_string(dead) + "-run-0";
    ASSERT_EQ(::mkdir(stale.c_str(), 0700), 0) << stale;
    auto first = openEngineCapture(1024);
    ASSERT_TRUE(first);
    EXPECT_FALSE(exists(stale)) << stale << " left behind";
    auto second = openEngineCapture(1024);
    ASSERT_TRUE(second);
    EXPECT_NE(first->instanceName(), second->instanceName());
    EXPECT_TRUE(exists(first->instance().path()));
    EXPECT_TRUE(exists(second->instance().path()));
    EXPECT_EQ(TracefsInstance::ownerOf(first->instanceName()), ::getpid());
    EXPECT_EQ(TracefsInstance::ownerOf("aioscope-probe-42"), 42);
    EXPECT_EQ(TracefsInstance::ownerOf("aioscope-test-stale-tgid"), 0);
    EXPECT_EQ(TracefsInstance::ownerOf("other-12"), 0);
}

// The capture goes through the same sorter and trackers as a trace file.
TEST(LiveCapture, ImportsIntoARunThroughTheTrackers) {
    std::string why;
    if (!canTrace(why))
        GTEST_SKIP() << why;
    TempDir dir;
    int fd = ::open((dir.path() + "/f").c_str(), O_RDWR | O_CREAT, 0600);
    ASSERT_GE(fd, 0);
    auto capture = openEngineCapture();
    ASSERT_TRUE(capture);
    ASSERT_TRUE(capture->start().ok());
    io_uring ring;
    ASSERT_EQ(io_uring_queue_init(8, &ring, 0), 0);
    char buf[4096] = {};
    io_uring_sqe* sqe = io_uring_get_sqe(&ring);
    io_uring_prep_write(sqe, fd, buf, sizeof buf, 0);
    sqe->flags |= IOSQE_ASYNC;
    sqe->user_data = 77;
    ASSERT_EQ(io_uring_submit(&ring), 1);
    io_uring_cqe* cqe = nullptr;
    ASSERT_EQ(io_uring_wait_cqe(&ring, &cqe), 0);
    io_uring_cqe_seen(&ring, cqe);
    io_uring_queue_exit(&ring);
    capture->stop();
    LiveCaptureReader reader(*capture, {gettidNow()});
    auto run = trackers::importTraceWith(reader, "live");
    ASSERT_TRUE(run.ok()) << run.error().message;
    EXPECT_GT(run->eventsRead, 0u);
    EXPECT_GE(run->eventCounts["io_uring:io_uring_queue_async_work"], 1u);
    EXPECT_GE(run->requests.size(), 1u);
    ::close(fd);
}
