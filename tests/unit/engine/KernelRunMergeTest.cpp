#include "engine/KernelRunMerge.h"
#include "model/Run.h"

#include <gtest/gtest.h>

using namespace aioscope;
using aioscope::engine::KernelRunMerge;

namespace {

constexpr std::int32_t kFd = 5;
constexpr std::uint64_t kOffset = 8192;

// An engine request by `submitter`, whose executor the engine saw when
// `executor` is a task (kNoTask: glibc's POSIX AIO threads ran it).
RequestId engineWrite(Run& run, TaskId submitter, TaskId executor, TimeNs submit, TimeNs start, TimeNs end,
                      TimeNs complete, std::uint64_t seq) {
    Request r;
    r.design = run.strings.intern("syslet");
    r.source = RequestSource::Engine;
    r.op = IoOp::Write;
    r.fd = kFd;
    r.offset = kOffset;
    r.length = 4096;
    r.result = 4096;
    r.userData = seq;
    r.submitter = submitter;
    r.submitNs = submit;
    r.submitEndNs = submit + 1;
    r.completeNs = complete;
    const RequestId id = run.addRequest(r);
    if (executor != kNoTask)
        run.addSegment(id, executor, start, end);
    return id;
}

// Two writes to one block by `sub` that only the kernel can name an executor
// for (glibc's POSIX AIO threads): submitted at 100 and 200, reaped at 950 and 960.
std::pair<RequestId, RequestId> twoUnseenWrites(Run& engine, TaskId sub) {
    return {engineWrite(engine, sub, kNoTask, 100, 0, 0, 950, 1), engineWrite(engine, sub, kNoTask, 200, 0, 0, 960, 2)};
}

// The pwrite64 a kernel trace shows `caller` make, as SyscallTracker keeps it.
void kernelWrite(Run& kernel, TaskId caller, TimeNs enter, TimeNs exit) {
    Request r;
    r.design = kernel.strings.intern("sync");
    r.source = RequestSource::SyncSyscall;
    r.op = IoOp::Write;
    r.fd = kFd;
    r.offset = kOffset;
    r.length = 4096;
    r.result = 4096;
    r.submitter = caller;
    r.submitNs = enter;
    r.submitEndNs = exit;
    r.completeNs = exit;
    r.completionObserver = caller;
    kernel.addSegment(kernel.addRequest(r), caller, enter, exit);
}

std::vector<TaskId> executorsOf(const Run& run, RequestId id) {
    std::vector<TaskId> tasks;
    for (const ExecSegment& s : run.segmentsOf(id))
        tasks.push_back(s.task);
    return tasks;
}

} // namespace

// A syslet's blocked call stays on its submitter A while spare B submits and
// runs a second write to the same block. B's pwrite64 lies inside both
// requests' spans; it is the second request's call, and giving it to the first
// would count a hand-off the engine never made.
TEST(KernelRunMerge, ACallGoesToTheRequestThatRanOnTheCallingTask) {
    aioscope::Run engine;
    const TaskId a = engine.addTask({.tid = 700, .pid = 700, .comm = engine.strings.intern("aioscope")});
    const TaskId b = engine.addTask({.tid = 701, .pid = 700, .comm = engine.strings.intern("aioscope-spare")});
    const RequestId first = engineWrite(engine, a, a, 100, 110, 900, 950, 1);
    const RequestId second = engineWrite(engine, b, b, 300, 310, 400, 420, 2);
    engine.finalize();

    aioscope::Run kernel;
    const TaskId ka = kernel.addTask({.tid = 700, .pid = 700, .comm = kernel.strings.intern("aioscope")});
    const TaskId kb = kernel.addTask({.tid = 701, .pid = 700, .comm = kernel.strings.intern("aioscope-spare")});
    kernelWrite(kernel, kb, 312, 398);
    kernelWrite(kernel, ka, 112, 898);
    kernel.finalize();

    const KernelRunMerge::Stats stats = KernelRunMerge::merge(engine, kernel, nullptr);
    EXPECT_EQ(stats.linked, 2u);
    EXPECT_EQ(stats.kernelSegments, 0u); // both calls are the executions the engine saw itself
    EXPECT_EQ(executorsOf(engine, first), std::vector<TaskId>{a});
    EXPECT_EQ(executorsOf(engine, second), std::vector<TaskId>{b});
    EXPECT_FALSE(engine.requests.flags()[first] & kRequestHandOff);
    EXPECT_FALSE(engine.requests.flags()[second] & kRequestHandOff);
}

// POSIX AIO: the engine does not know glibc's threads, so each call names the
// executor of a request nothing has named one for yet, one call per request.
TEST(KernelRunMerge, CallsOfUnknownExecutorsGoOneToEachRequest) {
    aioscope::Run engine;
    const TaskId sub = engine.addTask({.tid = 800, .pid = 800, .comm = engine.strings.intern("aioscope")});
    const auto [first, second] = twoUnseenWrites(engine, sub);
    engine.finalize();

    aioscope::Run kernel;
    const TaskId t1 = kernel.addTask({.tid = 801, .pid = 800, .comm = kernel.strings.intern("aioscope")});
    const TaskId t2 = kernel.addTask({.tid = 802, .pid = 800, .comm = kernel.strings.intern("aioscope")});
    kernelWrite(kernel, t1, 210, 500);
    kernelWrite(kernel, t2, 220, 600);
    kernel.finalize();

    const KernelRunMerge::Stats stats = KernelRunMerge::merge(engine, kernel, nullptr);
    EXPECT_EQ(stats.linked, 2u);
    EXPECT_EQ(stats.kernelSegments, 2u);
    EXPECT_EQ(stats.executorUnknown, 0u);
    const auto firstExec = executorsOf(engine, first);
    const auto secondExec = executorsOf(engine, second);
    ASSERT_EQ(firstExec.size(), 1u);
    ASSERT_EQ(secondExec.size(), 1u);
    EXPECT_NE(firstExec[0], secondExec[0]);
    EXPECT_TRUE(engine.requests.flags()[first] & kRequestHandOff);
    EXPECT_TRUE(engine.requests.flags()[second] & kRequestHandOff);
}

// A call by a task the engine saw run neither request is neither request's.
TEST(KernelRunMerge, ACallByAThirdTaskIsNotPinnedOnARequestThatRanElsewhere) {
    aioscope::Run engine;
    const TaskId a = engine.addTask({.tid = 900, .pid = 900, .comm = engine.strings.intern("aioscope")});
    const RequestId only = engineWrite(engine, a, a, 100, 110, 900, 950, 1);
    engine.finalize();

    aioscope::Run kernel;
    const TaskId other = kernel.addTask({.tid = 950, .pid = 950, .comm = kernel.strings.intern("dd")});
    kernelWrite(kernel, other, 300, 400);
    kernel.finalize();

    const KernelRunMerge::Stats stats = KernelRunMerge::merge(engine, kernel, nullptr);
    EXPECT_EQ(stats.kernelSegments, 0u);
    EXPECT_EQ(executorsOf(engine, only), std::vector<TaskId>{a});
    EXPECT_FALSE(engine.requests.flags()[only] & kRequestHandOff);
}

// The tracker keeps a call when it returns. A long call begun first and a
// short one begun later on the same block: taken in that order, the short
// call took the first request and the long one found it named and stayed
// unlinked, leaving the second request's executor unknown.
TEST(KernelRunMerge, CallsAreMatchedInTheOrderTheyBegan) {
    aioscope::Run engine;
    const TaskId sub = engine.addTask({.tid = 600, .pid = 600, .comm = engine.strings.intern("aioscope")});
    const auto [first, second] = twoUnseenWrites(engine, sub);
    engine.finalize();

    aioscope::Run kernel;
    const TaskId slow = kernel.addTask({.tid = 601, .pid = 600, .comm = kernel.strings.intern("aioscope")});
    const TaskId quick = kernel.addTask({.tid = 602, .pid = 600, .comm = kernel.strings.intern("aioscope")});
    kernelWrite(kernel, quick, 210, 300); // returned first, so kept first
    kernelWrite(kernel, slow, 150, 900);
    kernel.finalize();

    const KernelRunMerge::Stats stats = KernelRunMerge::merge(engine, kernel, nullptr);
    EXPECT_EQ(stats.executorUnknown, 0u);
    const auto firstExec = executorsOf(engine, first);
    const auto secondExec = executorsOf(engine, second);
    ASSERT_EQ(firstExec.size(), 1u);
    ASSERT_EQ(secondExec.size(), 1u);
    EXPECT_EQ(engine.tasks[firstExec[0]].tid, 601);
    EXPECT_EQ(engine.tasks[secondExec[0]].tid, 602);
}

// glibc runs a second request on the thread that ran the first, while the
// engine has not yet reaped the first: the call is the second request's.
TEST(KernelRunMerge, AReusedHelperThreadsNextCallIsTheNextRequests) {
    aioscope::Run engine;
    const TaskId sub = engine.addTask({.tid = 500, .pid = 500, .comm = engine.strings.intern("aioscope")});
    const auto [first, second] = twoUnseenWrites(engine, sub);
    engine.finalize();

    aioscope::Run kernel;
    const TaskId helper = kernel.addTask({.tid = 501, .pid = 500, .comm = kernel.strings.intern("aioscope")});
    kernelWrite(kernel, helper, 150, 250);
    kernelWrite(kernel, helper, 300, 400);
    kernel.finalize();

    const KernelRunMerge::Stats stats = KernelRunMerge::merge(engine, kernel, nullptr);
    EXPECT_EQ(stats.executorUnknown, 0u);
    EXPECT_EQ(stats.kernelSegments, 2u);
    ASSERT_EQ(engine.segmentsOf(first).size(), 1u);
    ASSERT_EQ(engine.segmentsOf(second).size(), 1u);
    EXPECT_EQ(engine.segmentsOf(first)[0].startNs, 150);
    EXPECT_EQ(engine.segmentsOf(second)[0].startNs, 300);
}
