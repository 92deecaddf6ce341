// EngineEventTracker on a real CTF trace holding the engine's aioscope:*
// events (same fields and types as engine/ust/AioscopeTracepoints.h),
// written by CtfTestTraceWriter and read back by the CTF reader.
#include "CtfTestTraceWriter.h"
#include "TempDir.h"
#include "trace/ctf/CtfTraceReader.h"
#include "trackers/EngineEventTracker.h"
#include "trackers/TrackerContext.h"

#include <gtest/gtest.h>

#include <limits>

using aioscope::ImportProblem;
using aioscope::testing::CtfTestTraceWriter;
using aioscope::test::TempDir;
using Type = CtfTestTraceWriter::Type;
using V = CtfTestTraceWriter::Value;

namespace {

constexpr std::int64_t kNone = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kClockOffset = 1'700'000'000'000'000'000; // trace clock - engine CLOCK_MONOTONIC

struct EngineTraceWriter {
    CtfTestTraceWriter w{"ust"};
    std::uint32_t runBegin, submit, execStart, execEnd, complete, context;

    EngineTraceWriter()
    {
        runBegin = w.defineEvent("aioscope:run_begin", {{"design", Type::String}, {"workload", Type::String}, {"seq_base", Type::U64}});
        submit = w.defineEvent("aioscope:submit", {{"seq", Type::U64}, {"design", Type::String}, {"op", Type::I32}, {"fd", Type::I32},
                                                   {"offset", Type::U64}, {"length", Type::U64}, {"submitter_tid", Type::I32},
                                                   {"submit_ns", Type::I64}, {"submit_end_ns", Type::I64}});
        execStart = w.defineEvent("aioscope:exec_start", {{"seq", Type::U64}, {"executor_tid", Type::I32}, {"ts_ns", Type::I64}});
        execEnd = w.defineEvent("aioscope:exec_end", {{"seq", Type::U64}, {"executor_tid", Type::I32}, {"result", Type::I64}, {"ts_ns", Type::I64}});
        complete = w.defineEvent("aioscope:complete", {{"seq", Type::U64}, {"result", Type::I64}, {"observer_tid", Type::I32},
                                                       {"complete_ns", Type::I64}, {"executor_tid", Type::I32},
                                                       {"exec_start_ns", Type::I64}, {"exec_end_ns", Type::I64},
                                                       {"continuation_tid", Type::I32}, {"flags", Type::U32}});
        context = w.defineEvent("aioscope:context", {{"seq", Type::U64}, {"role", Type::I32}, {"known", Type::U32}, {"tid", Type::I32},
                                                     {"pid", Type::I32}, {"uid", Type::U32}, {"euid", Type::U32}, {"fsuid", Type::U32},
                                                     {"gid", Type::U32}, {"fsgid", Type::U32}, {"cap_effective", Type::Hex64},
                                                     {"ioprio", Type::I32}, {"nice", Type::I32}, {"affinity", Type::Hex64},
                                                     {"cpu", Type::I32}, {"rlimit_fsize", Type::U64}, {"blocked_signals", Type::Hex64},
                                                     {"ts_ns", Type::I64}});
    }
    // Emitted at engine time `engineNs`, by thread `tid` of process 100.
    void at(std::int64_t engineNs, std::int32_t tid, std::uint32_t id, std::vector<V> values)
    {
        w.add(0, static_cast<std::uint64_t>(engineNs + kClockOffset), id, std::move(values), 100, tid,
              tid == 100 ? "aioscope" : "aioscope-pool");
    }
    void snapshot(std::int64_t engineNs, std::int32_t tid, std::int64_t seq, int role, std::int64_t nice)
    {
        const std::int64_t known = 0x1 | 0x2 | 0x20 | 0x80; // tid, uids, nice, cwd
        at(engineNs, tid, context, {V{seq}, V{std::int64_t(role)}, V{known}, V{std::int64_t(tid)}, V{std::int64_t(100)},
                                    V{std::int64_t(0)}, V{std::int64_t(0)}, V{std::int64_t(0)}, V{std::int64_t(0)},
                                    V{std::int64_t(0)}, V{std::int64_t(0x1ff)}, V{std::int64_t(0)}, V{nice}, V{std::int64_t(3)},
                                    V{std::int64_t(0)}, V{std::int64_t(-1)}, V{std::int64_t(0)}, V{engineNs}});
    }
};

class Collect : public aioscope::trace::RawEventSink {
public:
    Collect(aioscope::trackers::EngineEventTracker& t, aioscope::trackers::TrackerContext& c) : tracker(t), context(c) {}
    void onEvent(const aioscope::trace::RawEvent& e) override
    {
        context.setNow(e.ts);
        context.taskOf(e);
        if (tracker.wants(e.system, e.name))
            tracker.onEvent(e, context);
    }
    void onWarning(const aioscope::ImportWarning&) override {}
    aioscope::trackers::EngineEventTracker& tracker;
    aioscope::trackers::TrackerContext& context;
};

TEST(EngineEventTracker, RebuildsRequestsFromTheEnginesUstEvents)
{
    EngineTraceWriter t;
    t.at(500, 100, t.runBegin, {V{std::string("pool")}, V{std::string("randread")}, V{std::int64_t(1) << 56}});
    // seq 1: pool worker 101 runs it; its nice differs from the submitter's.
    t.snapshot(990, 100, 1, 0, 0);
    t.at(1100, 100, t.submit, {V{std::int64_t(1)}, V{std::string("pool")}, V{std::int64_t(1)}, V{std::int64_t(5)},
                               V{std::int64_t(8192)}, V{std::int64_t(4096)}, V{std::int64_t(100)}, V{std::int64_t(1000)},
                               V{std::int64_t(1100)}});
    t.snapshot(1200, 101, 1, 1, 10);
    t.at(1200, 101, t.execStart, {V{std::int64_t(1)}, V{std::int64_t(101)}, V{std::int64_t(1200)}});
    t.at(1300, 101, t.execEnd, {V{std::int64_t(1)}, V{std::int64_t(101)}, V{std::int64_t(4096)}, V{std::int64_t(1300)}});
    t.at(1400, 100, t.complete, {V{std::int64_t(1)}, V{std::int64_t(4096)}, V{std::int64_t(100)}, V{std::int64_t(1400)},
                                 V{std::int64_t(101)}, V{std::int64_t(1200)}, V{std::int64_t(1300)}, V{std::int64_t(0)},
                                 V{std::int64_t(0)}});
    // seq 2: a kernel design ran it inline; executor unknown.
    t.at(2100, 100, t.submit, {V{std::int64_t(2)}, V{std::string("io_uring")}, V{std::int64_t(2)}, V{std::int64_t(5)},
                               V{std::int64_t(0)}, V{std::int64_t(4096)}, V{std::int64_t(100)}, V{std::int64_t(2000)},
                               V{std::int64_t(2100)}});
    t.at(2500, 100, t.complete, {V{std::int64_t(2)}, V{std::int64_t(-28)}, V{std::int64_t(100)}, V{std::int64_t(2500)},
                                 V{std::int64_t(0)}, V{kNone}, V{kNone}, V{std::int64_t(0)}, V{std::int64_t(1)}});
    // seq 3: still in flight when tracing stopped.
    t.at(3100, 100, t.submit, {V{std::int64_t(3)}, V{std::string("pool")}, V{std::int64_t(3)}, V{std::int64_t(5)},
                               V{std::int64_t(0)}, V{std::int64_t(0)}, V{std::int64_t(100)}, V{std::int64_t(3000)},
                               V{std::int64_t(3100)}});
    // seq 9: completed, but its submit predates the trace.
    t.at(3200, 100, t.complete, {V{std::int64_t(9)}, V{std::int64_t(0)}, V{std::int64_t(100)}, V{std::int64_t(3200)},
                                 V{std::int64_t(0)}, V{kNone}, V{kNone}, V{std::int64_t(0)}, V{std::int64_t(0)}});
    TempDir tmp;
    t.w.write(tmp / "ust");

    aioscope::Run run;
    aioscope::trackers::TrackerContext context(run);
    aioscope::trackers::EngineEventTracker tracker;
    Collect sink(tracker, context);
    aioscope::trace::CtfTraceReader reader;
    const auto read = reader.read(tmp.path(), sink, {});
    ASSERT_TRUE(read.ok()) << read.error().message;
    tracker.finish(context);
    run.finalize();

    ASSERT_EQ(run.requests.size(), 3u);
    const aioscope::Request r1 = run.requests.get(0);
    EXPECT_EQ(run.strings.view(r1.design), "pool");
    EXPECT_EQ(r1.op, aioscope::IoOp::Read);
    EXPECT_EQ(r1.fd, 5);
    EXPECT_EQ(r1.offset, 8192u);
    EXPECT_EQ(r1.length, 4096u);
    EXPECT_EQ(r1.result, 4096);
    EXPECT_EQ(r1.userData, 1u);
    EXPECT_EQ(r1.submitNs, 1000 + kClockOffset);
    EXPECT_EQ(r1.latencyNs(), 400);
    EXPECT_EQ(r1.queuedNs, 1100 + kClockOffset);
    EXPECT_EQ(run.tasks[r1.submitter].tid, 100);
    EXPECT_EQ(run.strings.view(run.tasks[r1.submitter].comm), "aioscope");
    const auto seg1 = run.segmentsOf(0);
    ASSERT_EQ(seg1.size(), 1u);
    EXPECT_EQ(run.tasks[seg1[0].task].tid, 101);
    EXPECT_EQ(seg1[0].endNs - seg1[0].startNs, 100);
    EXPECT_TRUE(r1.flags & aioscope::kRequestHandOff);
    ASSERT_NE(r1.executorSnapshot, aioscope::kNoSnapshot);
    EXPECT_EQ(run.snapshots[r1.executorSnapshot].nice, 10);
    EXPECT_FALSE(run.snapshots[r1.executorSnapshot].has(aioscope::ContextSnapshot::kCwd));

    const aioscope::Request r2 = run.requests.get(1);
    EXPECT_EQ(run.strings.view(r2.design), "io_uring");
    EXPECT_EQ(r2.result, -28);
    EXPECT_TRUE(r2.flags & aioscope::kRequestError);
    const auto seg2 = run.segmentsOf(1);
    ASSERT_EQ(seg2.size(), 1u);
    EXPECT_EQ(seg2[0].task, r2.submitter) << "inline on the submitter";

    const aioscope::Request r3 = run.requests.get(2);
    EXPECT_TRUE(r3.flags & aioscope::kRequestIncomplete);
    EXPECT_EQ(r3.op, aioscope::IoOp::Fsync);

    // Only nice differed between the snapshots: one leak; what both recorded alike is carried.
    std::size_t leaks = 0;
    for (const auto& c : run.checks) {
        EXPECT_EQ(c.request, 0u);
        if (c.verdict != aioscope::CheckVerdict::Leak)
            continue;
        ++leaks;
        EXPECT_EQ(c.attribute, aioscope::ContextAttribute::CpuPriority);
        EXPECT_EQ(run.strings.view(c.executorValue), "nice 10 (prio 130)");
        EXPECT_EQ(run.strings.view(c.submitterValue), "nice 0 (prio 120)");
    }
    EXPECT_EQ(leaks, 1u);
    ASSERT_EQ(run.warnings.size(), 1u);
    EXPECT_EQ(run.warnings[0].kind, ImportProblem::EngineEventOrphan);
    EXPECT_EQ(run.warnings[0].count, 1u);
    EXPECT_EQ(run.metadata["designs"], "pool");
    EXPECT_EQ(run.metadata["workload"], "randread");
}

} // namespace
