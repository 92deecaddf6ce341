// What issue 13 says an engine run must show once the kernel's side is
// merged in, checked on this machine's kernel: who executed each request.
#include "TempDir.h"
#include "engine/Engine.h"
#include "model/VerdictSummary.h"
#include "trace/live/CapturedEventList.h"
#include "trace/live/LiveCapture.h"
#include "trace/live/LiveEventPreset.h"
#include "trace/live/ProcessFollower.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <sys/syscall.h>
#include <unistd.h>

using namespace aioscope;
using namespace aioscope::engine;

namespace {

struct Traced {
    EngineReport report;
    const DesignResult& design() const { return report.designs.at(0); }
    const Run& run() const { return design().run; }
};

Traced runTraced(const std::string& design, Workload w) {
    test::TempDir dir("kernel-merge");
    EngineOptions o;
    o.dir = dir.path();
    o.designs = {design};
    o.workload = w;
    o.kernelTrace = true;
    auto report = Engine(o).run();
    EXPECT_TRUE(report.ok()) << (report.ok() ? report->error : report.error().message);
    Traced t{report.ok() ? std::move(*report) : EngineReport{}};
    EXPECT_TRUE(t.report.kernelTraceUnavailable.empty()) << t.report.kernelTraceUnavailable;
    EXPECT_EQ(t.report.designs.size(), 1u);
    if (!t.report.designs.empty()) {
        EXPECT_TRUE(t.design().kernel.recorded) << t.design().kernel.error;
        EXPECT_EQ(t.design().kernel.lost, 0u) << "the kernel dropped events";
    }
    return t;
}

std::string commOf(const Run& run, TaskId t) {
    return std::string(run.strings.view(run.tasks[t].comm));
}

// Engine requests and, per request, the comms of the tasks that ran it other than its submitter.
struct Executors {
    std::size_t requests = 0;
    std::size_t handedOff = 0;
    std::size_t onPrefix = 0; // handed off to a task whose comm starts with the prefix
    std::set<std::int32_t> tids;
    std::map<std::string, std::size_t> otherComms; // every executor that is not the submitter, for the messages
    std::string describe() const {
        std::string out;
        for (const auto& [comm, n] : otherComms)
            out += (out.empty() ? "" : ", ") + comm + " x" + std::to_string(n);
        return out.empty() ? "none" : out;
    }
};

Executors executors(const Run& run, const std::string& prefix) {
    Executors e;
    for (RequestId id = 0; id < run.requests.size(); ++id) {
        const Request r = run.requests.get(id);
        if (r.source != RequestSource::Engine)
            continue;
        ++e.requests;
        bool other = false, match = false;
        for (const auto& s : run.segmentsOf(id)) {
            if (s.task == r.submitter)
                continue;
            other = true;
            ++e.otherComms[commOf(run, s.task) + "-" + std::to_string(run.tasks[s.task].tid)];
            if (commOf(run, s.task).rfind(prefix, 0) == 0) {
                match = true;
                e.tids.insert(run.tasks[s.task].tid);
            }
        }
        e.handedOff += other;
        e.onPrefix += match;
    }
    return e;
}

// For the failure messages: every task, as tid/pid comm.
std::string tasksOf(const Run& run) {
    std::string out;
    for (const auto& task : run.tasks)
        out += (out.empty() ? "" : ", ") + std::to_string(task.tid) + "/" + std::to_string(task.pid) + " " +
               std::string(run.strings.view(task.comm));
    return out;
}

bool canTrace(std::string& why) {
    if (::geteuid() != 0) {
        why = "the kernel trace needs root (tracefs instance)";
        return false;
    }
    return true;
}

Workload small(Workload::Pattern p, std::uint64_t requests) {
    Workload w;
    w.pattern = p;
    w.fileSize = 8ull << 20;
    w.requests = requests;
    w.queueDepth = 16;
    return w;
}

} // namespace

TEST(KernelMerge, IoUringAsyncRunsOnIouWrkLanes) {
    std::string why;
    if (!canTrace(why))
        GTEST_SKIP() << why;
    auto t = runTraced("io_uring-async", small(Workload::Pattern::RandWrite, 4000));
    const Executors e = executors(t.run(), "iou-wrk-");
    ASSERT_EQ(e.requests, 4000u);
    EXPECT_GE(e.onPrefix * 100, e.requests * 99)
        << e.onPrefix << " of " << e.requests << " on iou-wrk lanes; executors: " << e.describe();
    EXPECT_FALSE(e.tids.empty()) << "the run's tasks: " << tasksOf(t.run());
    EXPECT_EQ(t.run().handOffCount(), e.handedOff) << "block requests are never hand-offs";
    // The lanes carry sched states too.
    bool laneHasStates = false;
    for (TaskId task = 0; task < t.run().tasks.size(); ++task)
        if (commOf(t.run(), task).rfind("iou-wrk-", 0) == 0 && task < t.run().timeline.laneCount())
            laneHasStates |= !t.run().timeline.states(task).start.empty();
    EXPECT_TRUE(laneHasStates);
}

TEST(KernelMerge, SqpollSubmissionsAreMadeByIouSqp) {
    std::string why;
    if (!canTrace(why))
        GTEST_SKIP() << why;
    auto t = runTraced("io_uring-sqpoll", small(Workload::Pattern::RandRead, 1000));
    const Executors e = executors(t.run(), "iou-sqp-");
    ASSERT_EQ(e.requests, 1000u);
    EXPECT_GE(e.onPrefix * 100, e.requests * 99) << e.onPrefix << " of " << e.requests << " issued by iou-sqp";
}

TEST(KernelMerge, PosixAioRunsOnGlibcHelpers) {
    std::string why;
    if (!canTrace(why))
        GTEST_SKIP() << why;
    // Random writes on a small file repeat blocks, so two requests on one
    // block are often in flight at once: each call must still go to its own.
    for (auto pattern : {Workload::Pattern::RandRead, Workload::Pattern::RandWrite}) {
        SCOPED_TRACE(pattern == Workload::Pattern::RandRead ? "random reads" : "random writes");
        auto t = runTraced("posix-aio", small(pattern, 1000));
        const aioscope::Run& run = t.run();
        std::size_t onHelper = 0, requests = 0, startedAfterCompletion = 0;
        for (RequestId id = 0; id < run.requests.size(); ++id) {
            const Request r = run.requests.get(id);
            if (r.source != RequestSource::Engine)
                continue;
            ++requests;
            bool helper = false;
            for (const auto& s : run.segmentsOf(id))
                if (s.task != r.submitter && run.tasks[s.task].tid > 0) {
                    helper = true;
                    // The engine's completion time is read once it sees the
                    // request done: never before the helper's call began.
                    startedAfterCompletion += s.startNs > r.completeNs;
                }
            onHelper += helper;
        }
        EXPECT_EQ(requests, 1000u);
        EXPECT_EQ(onHelper, requests) << onHelper << " of " << requests << " seen on a helper thread";
        EXPECT_EQ(t.design().kernel.executorUnknown, 0u);
        EXPECT_EQ(startedAfterCompletion, 0u);
    }
}

TEST(KernelMerge, SyncHasNoHandOff) {
    std::string why;
    if (!canTrace(why))
        GTEST_SKIP() << why;
    auto t = runTraced("sync", small(Workload::Pattern::RandRw, 1000));
    const Executors e = executors(t.run(), "");
    EXPECT_EQ(e.requests, 1000u);
    EXPECT_EQ(e.handedOff, 0u);
    EXPECT_EQ(t.design().kernel.executorUnknown, 0u);
}

// io_uring: exactly the requests the kernel reports in
// io_uring_queue_async_work are the ones handed off.
TEST(KernelMerge, IoUringCachedReadHandsOffExactlyThePunted) {
    std::string why;
    if (!canTrace(why))
        GTEST_SKIP() << why;
    auto events = trace::live::LiveEventPreset::named("probe");
    auto own = trace::live::LiveCapture::open({*events, "test", 8192});
    ASSERT_TRUE(own) << own.error().message;
    ASSERT_TRUE((*own)->start().ok());
    // Reads (cached or not) run inline or wait on the page cache; buffered
    // writes and fsyncs go to io-wq: both kinds are in the run.
    Workload w = small(Workload::Pattern::RandRw, 2000);
    w.fsyncEvery = 4;
    auto t = runTraced("io_uring", w);
    (*own)->stop();
    trace::live::CapturedEventList list;
    trace::live::ProcessFollower follower(list, {static_cast<pid_t>(::syscall(SYS_gettid))});
    (*own)->replay(follower);
    std::set<std::uint64_t> punted;
    for (const auto& e : list.events)
        if (e.name == "io_uring_queue_async_work")
            punted.insert(static_cast<std::uint64_t>(e.number("user_data").value_or(0)));
    const aioscope::Run& run = t.run();
    std::set<std::uint64_t> handedOff;
    std::size_t requests = 0;
    for (RequestId id = 0; id < run.requests.size(); ++id) {
        const Request r = run.requests.get(id);
        if (r.source != RequestSource::Engine)
            continue;
        ++requests;
        for (const auto& s : run.segmentsOf(id))
            if (s.task != r.submitter)
                handedOff.insert(r.userData);
    }
    EXPECT_GE(requests, 2000u);
    EXPECT_FALSE(punted.empty());
    EXPECT_LT(punted.size(), requests) << "every request was punted: the test cannot tell the two apart";
    EXPECT_EQ(handedOff, punted) << handedOff.size() << " handed off, " << punted.size() << " punted";
}

TEST(KernelMerge, LibaioDirectHasABlockRequestUnderEachRequest) {
    std::string why;
    if (!canTrace(why))
        GTEST_SKIP() << why;
    Workload w = small(Workload::Pattern::RandRead, 1000);
    w.direct = true;
    auto t = runTraced("libaio", w);
    const aioscope::Run& run = t.run();
    std::set<std::uint64_t> engineSeqs, blockSeqs;
    for (RequestId id = 0; id < run.requests.size(); ++id) {
        const Request r = run.requests.get(id);
        if (r.source == RequestSource::Engine)
            engineSeqs.insert(r.userData);
        else if (r.source == RequestSource::Block)
            blockSeqs.insert(r.userData);
    }
    EXPECT_EQ(engineSeqs.size(), 1000u);
    std::size_t covered = 0;
    for (auto s : engineSeqs)
        covered += blockSeqs.count(s);
    EXPECT_EQ(covered, engineSeqs.size()) << covered << " of " << engineSeqs.size() << " have a block request";
    // The kernel shows who issued them: the submitter, inside io_submit. No
    // request is "executor unknown", none is a hand-off.
    EXPECT_EQ(t.design().kernel.executorUnknown, 0u);
    std::size_t onSubmitter = 0, handOffs = 0;
    for (RequestId id = 0; id < run.requests.size(); ++id) {
        const Request r = run.requests.get(id);
        if (r.source != RequestSource::Engine)
            continue;
        handOffs += (r.flags & kRequestHandOff) != 0;
        bool seen = false;
        for (const auto& seg : run.segmentsOf(id))
            seen = seen || seg.task == r.submitter;
        onSubmitter += seen;
    }
    EXPECT_EQ(onSubmitter, engineSeqs.size()) << "each request runs on its submitter, inside io_submit";
    EXPECT_EQ(handOffs, 0u);
    // The block requests lie under the engine's: every view counts 1000
    // requests, with the block requests apart (not 2000 requests).
    EXPECT_EQ(run.requestCount(), 1000u);
    EXPECT_EQ(run.blockRequestCount(), t.design().kernel.blockRequests);
    const aioscope::VerdictSummary verdicts = aioscope::VerdictSummary::ofRun(run);
    EXPECT_EQ(verdicts.total().requests, 1000u);
    EXPECT_EQ(verdicts.total().blockRequests, t.design().kernel.blockRequests);
    ASSERT_EQ(verdicts.designs().size(), 1u) << "block is not a design";
    EXPECT_EQ(verdicts.designs()[0].design, "libaio");
}

// Without the kernel's side the engine cannot see io-wq or glibc's helpers:
// their requests are "executor unknown", never "no hand-off".
TEST(KernelMerge, WithoutAKernelTraceUnseenExecutorsAreUnknownNotNoHandOff) {
    for (const std::string design : {"io_uring-async", "posix-aio"}) {
        SCOPED_TRACE(design);
        test::TempDir dir("kernel-merge");
        EngineOptions o;
        o.dir = dir.path();
        o.designs = {design};
        o.workload = small(Workload::Pattern::RandWrite, 200);
        o.kernelTrace = false;
        auto report = Engine(o).run();
        ASSERT_TRUE(report.ok()) << report.error().message;
        ASSERT_EQ(report->designs.size(), 1u);
        const VerdictSummary v = VerdictSummary::ofRun(report->designs[0].run);
        EXPECT_EQ(v.total().requests, 200u);
        EXPECT_EQ(v.total().executorUnknown, 200u);
        EXPECT_EQ(v.total().handOffs, 0u);
        EXPECT_NE(v.executorUnknownReason().find("no kernel trace"), std::string::npos) << v.executorUnknownReason();
    }
}
