#include "lessons/LessonHighlight.h"
#include "SyntheticRun.h"
#include "model/Run.h"

#include <gtest/gtest.h>

using namespace aioscope;
using aioscope::lessons::commMatches;
using aioscope::lessons::LessonHighlight;
using aioscope::testing::addFsuidLeakSnapshots;

namespace {
Request makeRequest(const char* design, IoOp op, TaskId submitter, TimeNs submit, std::int64_t result = 4096) {
    Request r;
    r.op = op;
    r.submitter = submitter;
    r.submitNs = submit;
    r.submitEndNs = submit + 1;
    r.completeNs = submit + 100;
    r.result = result;
    (void)design;
    return r;
}

// A small io_uring-like run: the app submits four requests; two run inline,
// one on iou-wrk-100 (with an fsuid leak), one on a kworker and fails.
struct Fixture {
    aioscope::Run run;
    TaskId app, wrk, kworker;
    Fixture() {
        app = run.addTask({.tid = 100, .pid = 100, .comm = run.strings.intern("app")});
        wrk = run.addTask({.tid = 101, .pid = 100, .comm = run.strings.intern("iou-wrk-100")});
        kworker = run.addTask({.tid = 7, .pid = 7, .comm = run.strings.intern("kworker/0:1")});
        StringId uring = run.strings.intern("io_uring");
        StringId aio = run.strings.intern("libaio");
        auto add = [&](StringId design, IoOp op, TimeNs t, TaskId exec, std::int64_t result = 4096) {
            Request r = makeRequest("", op, app, t, result);
            r.design = design;
            RequestId id = run.addRequest(r);
            run.addSegment(id, exec, t + 10, t + 90);
            return id;
        };
        // Added out of time order on purpose: finalize() renumbers by submit time.
        RequestId punted = add(uring, IoOp::Write, 300, wrk);
        add(uring, IoOp::Read, 100, app);
        add(uring, IoOp::Read, 200, app);
        add(aio, IoOp::Fsync, 400, kworker, -13);
        // The engine saw the worker create files as root for a submitter at fsuid 65534.
        addFsuidLeakSnapshots(run, punted);
        run.finalize();
    }
};
} // namespace

TEST(CommGlob, MatchesLikeAShell) {
    EXPECT_TRUE(commMatches("iou-wrk-*", "iou-wrk-1234"));
    EXPECT_TRUE(commMatches("iou-wrk-*", "iou-wrk-"));
    EXPECT_FALSE(commMatches("iou-wrk-*", "iou-sqp-1234"));
    EXPECT_TRUE(commMatches("kworker/*:*", "kworker/0:1"));
    EXPECT_TRUE(commMatches("iou-?q?-*", "iou-sqp-9"));
    EXPECT_TRUE(commMatches("*", ""));
    EXPECT_FALSE(commMatches("app", "app2"));
    EXPECT_TRUE(commMatches("a*b*c", "axxbyyc"));
    EXPECT_FALSE(commMatches("a*b*c", "axxbyy"));
}

TEST(LessonHighlight, EmptySelectsNothing) {
    Fixture f;
    EXPECT_TRUE(LessonHighlight{}.empty());
    EXPECT_TRUE(LessonHighlight{}.select(f.run).empty());
}

TEST(LessonHighlight, ExecutorNotSubmitter) {
    Fixture f;
    LessonHighlight h;
    h.executorNotSubmitter = true;
    EXPECT_EQ(h.select(f.run), (std::vector<RequestId>{2, 3}));
}

TEST(LessonHighlight, CommSelectsRequestsWithSegmentsOnMatchingTasks) {
    Fixture f;
    LessonHighlight h;
    h.comm = "iou-wrk-*";
    EXPECT_EQ(h.select(f.run), (std::vector<RequestId>{2}));
    h.comm = "kworker/*";
    EXPECT_EQ(h.select(f.run), (std::vector<RequestId>{3}));
    h.comm = "app";
    EXPECT_EQ(h.select(f.run), (std::vector<RequestId>{0, 1}));
}

TEST(LessonHighlight, LeakAttribute) {
    Fixture f;
    LessonHighlight h;
    h.leakAttribute = ContextAttribute::Fsuid;
    EXPECT_EQ(h.select(f.run), (std::vector<RequestId>{2}));
    // A hand-off alone (the kworker's fsync) is not a leak of any attribute.
    h.leakAttribute = ContextAttribute::CpuPriority;
    EXPECT_TRUE(h.select(f.run).empty());
    h.leakAttribute = ContextAttribute::Credentials;
    EXPECT_TRUE(h.select(f.run).empty());
}

TEST(LessonHighlight, CriteriaCombineWithAnd) {
    Fixture f;
    LessonHighlight h;
    h.design = "io_uring";
    EXPECT_EQ(h.select(f.run), (std::vector<RequestId>{0, 1, 2}));
    h.op = IoOp::Read;
    EXPECT_EQ(h.select(f.run), (std::vector<RequestId>{0, 1}));
    h.requestIds = {1, 2, 99};
    EXPECT_EQ(h.select(f.run), (std::vector<RequestId>{1}));
    LessonHighlight errors;
    errors.errorsOnly = true;
    EXPECT_EQ(errors.select(f.run), (std::vector<RequestId>{3}));
    errors.design = "no-such-design";
    EXPECT_TRUE(errors.select(f.run).empty());
    LessonHighlight bySubmitter;
    bySubmitter.submitterComm = "app";
    EXPECT_EQ(bySubmitter.select(f.run).size(), 4u);
}

TEST(LessonHighlight, DescribeSaysWhatIsSelected) {
    LessonHighlight h;
    h.comm = "iou-wrk-*";
    h.executorNotSubmitter = true;
    EXPECT_EQ(h.describe(), "executed by a thread that is not the submitter, run on iou-wrk-*");
}
