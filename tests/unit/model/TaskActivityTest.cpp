#include "model/TaskActivity.h"
#include "model/Run.h"

#include <gtest/gtest.h>

using namespace aioscope;

namespace {
Request makeRequest(TaskId submitter, TimeNs submit, RequestSource source = RequestSource::Engine) {
    Request r;
    r.op = IoOp::Read;
    r.submitter = submitter;
    r.submitNs = submit;
    r.submitEndNs = submit + 1;
    r.completeNs = submit + 1000;
    r.result = 4096;
    r.source = source;
    return r;
}
} // namespace

// One count per fact for every view: block requests apart, a request on an
// executor once however many segments it has there, leaks among those.
TEST(TaskActivity, CountsRequestsOncePerExecutorAndBlockRequestsApart) {
    aioscope::Run run;
    const TaskId sub = run.addTask({.tid = 10, .pid = 10, .comm = run.strings.intern("app")});
    const TaskId wrk = run.addTask({.tid = 11, .pid = 10, .comm = run.strings.intern("iou-wrk-10")});
    const TaskId kw = run.addTask({.tid = 12, .pid = 12, .comm = run.strings.intern("kworker/0:1")});
    const RequestId split = run.addRequest(makeRequest(sub, 100));
    run.addSegment(split, wrk, 200, 300);
    run.addSegment(split, kw, 300, 350);  // a second executor counts for it
    run.addSegment(split, wrk, 400, 500); // the same executor again does not
    const RequestId own = run.addRequest(makeRequest(sub, 2000));
    run.addSegment(own, sub, 2100, 2200);
    run.addRequest(makeRequest(sub, 3000, RequestSource::Block));
    run.addRequest(makeRequest(kw, 3100, RequestSource::Block));
    // The worker runs at nice 0 for a nice-19 submitter: the split request leaks.
    run.addFact({.task = sub, .timeNs = 50, .attribute = ContextAttribute::CpuPriority, .value = 139});
    run.addFact({.task = wrk, .timeNs = 60, .attribute = ContextAttribute::CpuPriority, .value = 120});
    run.addFact({.task = kw, .timeNs = 60, .attribute = ContextAttribute::CpuPriority, .value = 139});
    run.finalize();

    const auto a = TaskActivity::ofRun(run);
    ASSERT_EQ(a.size(), 3u);
    EXPECT_EQ(a[sub].submitted, 2u);
    EXPECT_EQ(a[sub].blockRequests, 1u);
    EXPECT_EQ(a[sub].ranForOthers, 0u);
    EXPECT_EQ(a[wrk].ranForOthers, 1u);
    EXPECT_EQ(a[wrk].leaks, 1u);
    EXPECT_EQ(a[kw].submitted, 0u);
    EXPECT_EQ(a[kw].blockRequests, 1u);
    EXPECT_EQ(a[kw].ranForOthers, 1u);
    EXPECT_EQ(a[kw].leaks, 1u); // the request leaked (on the worker); the verdict is per request
    EXPECT_EQ(run.tasks[sub].role, TaskRole::Submitter);
    EXPECT_EQ(run.tasks[wrk].role, TaskRole::Worker);
}
