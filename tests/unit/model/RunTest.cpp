#include "model/Run.h"

#include <gtest/gtest.h>

using namespace aioscope;

namespace {
Request makeRequest(TaskId submitter, TimeNs submit, TimeNs complete) {
    Request r;
    r.op = IoOp::Read;
    r.submitter = submitter;
    r.submitNs = submit;
    r.submitEndNs = submit + 1;
    r.completeNs = complete;
    r.result = 4096;
    return r;
}
} // namespace

TEST(Run, FinalizeSortsRequestsAndRemapsSegmentsAndChecks) {
    aioscope::Run run;
    const TaskId sub = run.addTask({.tid = 10, .pid = 10, .comm = run.strings.intern("app")});
    const TaskId wrk = run.addTask({.tid = 11, .pid = 10, .comm = run.strings.intern("iou-wrk-10")});
    const RequestId late = run.addRequest(makeRequest(sub, 500, 900));
    const RequestId early = run.addRequest(makeRequest(sub, 100, 300));
    run.addSegment(late, wrk, 600, 800);
    run.addSegment(early, sub, 150, 250);
    // The submitter runs at nice 19, the worker at nice 0: a cpu-priority leak on the punted request.
    run.addFact({.task = sub, .timeNs = 50, .attribute = ContextAttribute::CpuPriority, .value = 139});
    run.addFact({.task = wrk, .timeNs = 60, .attribute = ContextAttribute::CpuPriority, .value = 120});
    run.finalize();

    ASSERT_EQ(run.requests.size(), 2u);
    EXPECT_EQ(run.requests.get(0).submitNs, 100);
    EXPECT_EQ(run.requests.get(1).submitNs, 500);
    // The late request moved to index 1; its segment and check followed it.
    ASSERT_EQ(run.segmentsOf(1).size(), 1u);
    EXPECT_EQ(run.segmentsOf(1)[0].task, wrk);
    ASSERT_EQ(run.checks.size(), 1u);
    EXPECT_EQ(run.checks[0].request, 1u);
    EXPECT_EQ(run.checks[0].attribute, ContextAttribute::CpuPriority);
    EXPECT_EQ(run.checks[0].verdict, CheckVerdict::Leak);
    EXPECT_EQ(run.requests.get(1).flags & (kRequestHandOff | kRequestLeak), kRequestHandOff | kRequestLeak);
    EXPECT_EQ(run.requests.get(0).flags, 0u);
    EXPECT_EQ(run.tasks[sub].role, TaskRole::Submitter);
    EXPECT_EQ(run.tasks[wrk].role, TaskRole::Worker);
    EXPECT_EQ(run.leakCount(), 1u);
    EXPECT_EQ(run.handOffCount(), 1u);
    EXPECT_EQ(run.startNs(), 100);
    EXPECT_EQ(run.endNs(), 900);
}

TEST(Run, FlagsErrorsAndIncompleteRequests) {
    aioscope::Run run;
    const TaskId t = run.addTask({.tid = 1});
    Request failed = makeRequest(t, 1, 2);
    failed.result = -28; // ENOSPC
    run.addRequest(failed);
    Request open = makeRequest(t, 3, kNoTime);
    run.addRequest(open);
    run.finalize();
    EXPECT_TRUE(run.requests.get(0).flags & kRequestError);
    EXPECT_TRUE(run.requests.get(1).flags & kRequestIncomplete);
    EXPECT_EQ(run.requests.get(1).latencyNs(), kNoTime);
    EXPECT_EQ(run.requests.get(0).latencyNs(), 1);
}

TEST(Run, CopiesCompareEqualAndDifferencesShow) {
    aioscope::Run run;
    const TaskId t = run.addTask({.tid = 1, .comm = run.strings.intern("a")});
    run.addRequest(makeRequest(t, 1, 5));
    run.finalize();
    aioscope::Run copy = run;
    EXPECT_TRUE(copy == run);
    Request r = copy.requests.get(0);
    r.offset = 4096;
    copy.requests.set(0, r);
    EXPECT_FALSE(copy == run);
}
