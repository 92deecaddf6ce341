#include "model/RunDerivation.h"
#include "model/ContextValueText.h"
#include "model/Run.h"
#include "model/VerdictSummary.h"

#include <gtest/gtest.h>

using namespace aioscope;

namespace {

// One submitter, one worker, requests whose times the test sets.
struct Fixture {
    Run run;
    TaskId sub = run.addTask({.tid = 100, .pid = 100, .comm = run.strings.intern("fio")});
    TaskId wrk = run.addTask({.tid = 101, .pid = 100, .comm = run.strings.intern("iou-wrk-100")});

    RequestId request(TimeNs submit, TimeNs complete, TaskId executor, TimeNs start, TimeNs end) {
        Request r;
        r.design = run.strings.intern("io_uring");
        r.op = IoOp::Write;
        r.submitter = sub;
        r.submitNs = submit;
        r.submitEndNs = submit;
        r.completeNs = complete;
        r.result = 4096;
        const RequestId id = run.addRequest(r);
        run.addSegment(id, executor, start, end);
        return id;
    }
    void fact(TaskId t, TimeNs ts, ContextAttribute a, FactKind k, std::uint64_t v) {
        run.addFact({.task = t,
                     .timeNs = ts,
                     .attribute = a,
                     .kind = k,
                     .value = v,
                     .evidence = run.strings.intern("event at " + std::to_string(ts))});
    }
    const ContextCheck* check(RequestId id, ContextAttribute a) const {
        for (const auto& c : run.checks)
            if (c.request == id && c.attribute == a)
                return &c;
        return nullptr;
    }
};

} // namespace

TEST(RunDerivation, AHandOffIsCountedButIsNotALeak) {
    Fixture f;
    const RequestId id = f.request(100, 200, f.wrk, 120, 190);
    f.run.finalize();
    EXPECT_TRUE(f.run.requests.flags()[id] & kRequestHandOff);
    EXPECT_FALSE(f.run.requests.flags()[id] & kRequestLeak);
    EXPECT_TRUE(f.run.checks.empty());
    const VerdictSummary s = VerdictSummary::ofRun(f.run);
    EXPECT_EQ(s.total().handOffs, 1u);
    EXPECT_EQ(s.total().leakingRequests, 0u);
    // No evidence: every attribute unknown, with a reason.
    for (ContextAttribute a : verdictAttributes()) {
        EXPECT_EQ(s.total().of(a).unknown, 1u) << contextAttributeName(a);
        EXPECT_FALSE(s.unknownReason(a).empty()) << contextAttributeName(a);
    }
    EXPECT_EQ(f.run.tasks[f.wrk].role, TaskRole::Worker);
    EXPECT_EQ(f.run.tasks[f.wrk].served, f.sub);
    EXPECT_EQ(f.run.tasks[f.sub].role, TaskRole::Submitter);
}

// A request nobody was seen running is neither a hand-off nor "no hand-off".
TEST(RunDerivation, ACompletedRequestWithNoExecutorSeenHasItsHandOffUnknown) {
    Fixture f;
    f.run.kind = RunKind::EngineRun;
    const RequestId seen = f.request(100, 200, f.sub, 110, 190);
    Request r;
    r.design = f.run.strings.intern("io_uring");
    r.op = IoOp::Write;
    r.submitter = f.sub;
    r.submitNs = 300;
    r.completeNs = 400;
    const RequestId unseen = f.run.addRequest(r);
    r.completeNs = kNoTime;
    r.submitNs = 500;
    const RequestId running = f.run.addRequest(r); // not complete: its executor may not have run yet
    r.source = RequestSource::Block;
    r.completeNs = 600;
    const RequestId block = f.run.addRequest(r); // the device ran it, not a task
    f.run.finalize();
    const auto flags = f.run.requests.flags();
    EXPECT_FALSE(flags[seen] & (kRequestExecutorUnknown | kRequestHandOff));
    EXPECT_TRUE(flags[unseen] & kRequestExecutorUnknown);
    EXPECT_FALSE(flags[unseen] & kRequestHandOff);
    EXPECT_FALSE(flags[running] & kRequestExecutorUnknown);
    EXPECT_FALSE(flags[block] & kRequestExecutorUnknown);
    const VerdictSummary s = VerdictSummary::ofRun(f.run);
    EXPECT_EQ(s.total().executorUnknown, 1u);
    EXPECT_EQ(s.total().handOffs, 0u);
    EXPECT_NE(s.executorUnknownReason().find("no kernel trace"), std::string::npos) << s.executorUnknownReason();
    // With a kernel trace recorded, the reason says the trace named no executor.
    f.run.metadata["kernel_trace"] = "aioscope-1-run-0";
    f.run.finalize();
    EXPECT_NE(VerdictSummary::ofRun(f.run).executorUnknownReason().find("kernel trace recorded"), std::string::npos);
    f.run.kind = RunKind::TraceImport;
    f.run.finalize();
    EXPECT_NE(VerdictSummary::ofRun(f.run).executorUnknownReason().find("the trace shows"), std::string::npos);
}

TEST(RunDerivation, CpuPriorityComparesTheSubmittersValueAtSubmitWithTheExecutorsDuringTheSegment) {
    Fixture f;
    f.fact(f.sub, 10, ContextAttribute::CpuPriority, FactKind::Value, 120);
    f.fact(f.wrk, 20, ContextAttribute::CpuPriority, FactKind::Value, 120);
    const RequestId before = f.request(100, 200, f.wrk, 120, 190);
    f.fact(f.sub, 300, ContextAttribute::CpuPriority, FactKind::Set, 139); // setpriority(19)
    const RequestId after = f.request(400, 500, f.wrk, 420, 490);
    f.run.finalize();
    const ContextCheck* carried = f.check(before, ContextAttribute::CpuPriority);
    ASSERT_NE(carried, nullptr);
    EXPECT_EQ(carried->verdict, CheckVerdict::Carried);
    const ContextCheck* leak = f.check(after, ContextAttribute::CpuPriority);
    ASSERT_NE(leak, nullptr);
    EXPECT_EQ(leak->verdict, CheckVerdict::Leak);
    EXPECT_EQ(f.run.strings.view(leak->executorValue), "nice 0 (prio 120)");
    EXPECT_EQ(f.run.strings.view(leak->submitterValue), "nice 19 (prio 139)");
    EXPECT_EQ(leak->submitterTimeNs, 300);
    EXPECT_EQ(leak->executor, f.wrk);
    EXPECT_EQ(f.run.strings.view(leak->evidence), "event at 20");
    EXPECT_TRUE(f.run.requests.flags()[after] & kRequestLeak);
}

TEST(RunDerivation, TheValueBeforeAChangeIsNotTakenFromAfterIt) {
    Fixture f;
    const RequestId id = f.request(100, 200, f.wrk, 120, 190);
    f.fact(f.wrk, 150, ContextAttribute::Ioprio, FactKind::Consulted, 2u << 13 | 4);
    f.fact(f.sub, 300, ContextAttribute::Ioprio, FactKind::Set, 3u << 13); // ioprio_set, after the request
    f.run.finalize();
    const ContextCheck* c = f.check(id, ContextAttribute::Ioprio);
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->verdict, CheckVerdict::Unknown) << "the submitter's ioprio before the change is not in the trace";
}

TEST(RunDerivation, ConsultedFactsCountOnlyInsideTheExecutorsSegment) {
    Fixture f;
    f.fact(f.sub, 10, ContextAttribute::Ioprio, FactKind::Set, 3u << 13); // ioprio_set idle
    const RequestId id = f.request(100, 200, f.wrk, 120, 190);
    f.fact(f.wrk, 150, ContextAttribute::Ioprio, FactKind::Consulted, 3u << 13);   // block_rq_insert, inside
    f.fact(f.wrk, 195, ContextAttribute::Credentials, FactKind::Consulted, 0xabc); // after the segment
    f.run.finalize();
    const ContextCheck* io = f.check(id, ContextAttribute::Ioprio);
    ASSERT_NE(io, nullptr);
    EXPECT_EQ(io->verdict, CheckVerdict::Carried);
    EXPECT_EQ(f.run.strings.view(io->executorValue), "idle/0");
    EXPECT_EQ(f.check(id, ContextAttribute::Credentials), nullptr);
}

TEST(RunDerivation, AConsultedValueWithoutTheSubmittersIsUnknownWithTheReason) {
    Fixture f;
    const RequestId id = f.request(100, 200, f.wrk, 120, 190);
    f.fact(f.wrk, 150, ContextAttribute::Credentials, FactKind::Consulted, 0xabc);
    f.run.finalize();
    const ContextCheck* c = f.check(id, ContextAttribute::Credentials);
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->verdict, CheckVerdict::Unknown);
    EXPECT_NE(f.run.strings.view(c->submitterEvidence).find("not in the trace"), std::string_view::npos);
    EXPECT_EQ(VerdictSummary::ofRun(f.run).total().of(ContextAttribute::Credentials).unknown, 1u);
}

TEST(RunDerivation, SigxfszGoesToCurrentSoTheReceiverIsTheExecutor) {
    Fixture f;
    const RequestId onWorker = f.request(100, 200, f.wrk, 120, 190);
    const RequestId onSubmitter = f.request(300, 400, f.sub, 300, 400);
    f.fact(f.wrk, 150, ContextAttribute::Sigxfsz, FactKind::Consulted, 101);
    f.fact(f.sub, 350, ContextAttribute::Sigxfsz, FactKind::Consulted, 100);
    f.run.finalize();
    ASSERT_NE(f.check(onWorker, ContextAttribute::Sigxfsz), nullptr);
    EXPECT_EQ(f.check(onWorker, ContextAttribute::Sigxfsz)->verdict, CheckVerdict::Leak);
    ASSERT_NE(f.check(onSubmitter, ContextAttribute::Sigxfsz), nullptr);
    EXPECT_EQ(f.check(onSubmitter, ContextAttribute::Sigxfsz)->verdict, CheckVerdict::Carried);
    EXPECT_FALSE(f.run.requests.flags()[onSubmitter] & kRequestHandOff);
}

TEST(RunDerivation, AffinityLeaksOnlyWhenTheExecutorRanOutsideTheSubmittersMask) {
    Fixture f;
    f.fact(f.sub, 10, ContextAttribute::CpuAffinity, FactKind::Set, 0);   // sched_setaffinity, mask not shown
    f.fact(f.sub, 10, ContextAttribute::CpuAffinity, FactKind::RanOn, 0); // returned on CPU 0
    f.fact(f.wrk, 20, ContextAttribute::CpuAffinity, FactKind::RanOn, 1);
    const RequestId outside = f.request(100, 200, f.wrk, 120, 190);
    f.fact(f.wrk, 250, ContextAttribute::CpuAffinity, FactKind::RanOn, 0);
    const RequestId inside = f.request(300, 400, f.wrk, 320, 390);
    f.run.finalize();
    ASSERT_NE(f.check(outside, ContextAttribute::CpuAffinity), nullptr);
    EXPECT_EQ(f.check(outside, ContextAttribute::CpuAffinity)->verdict, CheckVerdict::Leak);
    EXPECT_EQ(f.run.strings.view(f.check(outside, ContextAttribute::CpuAffinity)->submitterValue), "CPUs 0");
    ASSERT_NE(f.check(inside, ContextAttribute::CpuAffinity), nullptr);
    EXPECT_EQ(f.check(inside, ContextAttribute::CpuAffinity)->verdict, CheckVerdict::Unknown)
        << "running inside the mask does not show the executor's own mask";
}

TEST(RunDerivation, EngineSnapshotsGiveOneVerdictPerAttributeBothSidesRecorded) {
    Fixture f;
    ContextSnapshot s;
    s.known = ContextSnapshot::kUids | ContextSnapshot::kNice | ContextSnapshot::kIoprio;
    s.fsuid = 65534;
    s.nice = 0;
    s.ioprio = 2 << 13 | 4;
    ContextSnapshot e = s;
    e.fsuid = 0;
    e.known &= ~ContextSnapshot::kIoprio;
    const RequestId id = f.request(100, 200, f.wrk, 120, 190);
    Request r = f.run.requests.get(id);
    r.submitterSnapshot = f.run.addSnapshot(s);
    r.executorSnapshot = f.run.addSnapshot(e);
    f.run.requests.set(id, r);
    f.run.finalize();
    ASSERT_NE(f.check(id, ContextAttribute::Fsuid), nullptr);
    EXPECT_EQ(f.check(id, ContextAttribute::Fsuid)->verdict, CheckVerdict::Leak);
    ASSERT_NE(f.check(id, ContextAttribute::CpuPriority), nullptr);
    EXPECT_EQ(f.check(id, ContextAttribute::CpuPriority)->verdict, CheckVerdict::Carried);
    EXPECT_EQ(f.check(id, ContextAttribute::Ioprio), nullptr) << "not recorded on the executor: no verdict";
}

TEST(RunDerivation, ALoadedRunDropsRetiredTidChecksAndKeepsRealLeaks) {
    Fixture f;
    const RequestId id = f.request(100, 200, f.wrk, 120, 190);
    f.run.finalize();
    // As a session of schema v1 stored it: a "tid" leak for the hand-off, and a real one.
    f.run.checks = {{.request = id, .attribute = ContextAttribute::RetiredTid, .verdict = CheckVerdict::Leak},
                    {.request = id, .attribute = ContextAttribute::Fsuid, .verdict = CheckVerdict::Leak}};
    f.run.requests.setFlags(id, f.run.requests.flags()[id] | kRequestLeak);
    RunDerivation::deriveLoaded(f.run);
    ASSERT_EQ(f.run.checks.size(), 1u);
    EXPECT_EQ(f.run.checks[0].attribute, ContextAttribute::Fsuid);
    EXPECT_TRUE(f.run.requests.flags()[id] & kRequestHandOff);
    EXPECT_TRUE(f.run.requests.flags()[id] & kRequestLeak);
    f.run.checks.resize(0);
    RunDerivation::deriveLoaded(f.run);
    EXPECT_FALSE(f.run.requests.flags()[id] & kRequestLeak);
}

TEST(ContextAttribute, NamesAreStableAndOldNamesStillRead) {
    EXPECT_EQ(contextAttributeName(ContextAttribute::CpuPriority), "cpu-priority");
    EXPECT_EQ(contextAttributeFromName("nice"), ContextAttribute::CpuPriority);
    EXPECT_EQ(contextAttributeFromName("capabilities"), ContextAttribute::Credentials);
    EXPECT_FALSE(contextAttributeFromName("tid").has_value()) << "a hand-off is not an attribute";
    for (ContextAttribute a : verdictAttributes())
        EXPECT_NE(a, ContextAttribute::RetiredTid);
}

TEST(ContextValueText, IoprioTextAndParseAgree) {
    EXPECT_EQ(ContextValueText::parseIoprio("be,0,4"), (2u << 13) | 4u);
    EXPECT_EQ(ContextValueText::parseIoprio("idle,0,0"), 3u << 13);
    EXPECT_EQ(ContextValueText::ioprio(*ContextValueText::parseIoprio("rt,0,2")), "rt/2");
    EXPECT_FALSE(ContextValueText::parseIoprio("garbage").has_value());
    EXPECT_EQ(ContextValueText::cpuList(0b1011), "CPUs 0-1,3");
}
