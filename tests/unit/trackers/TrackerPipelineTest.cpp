// The trackers fed synthetic events straight into the pipeline: events a
// reader translated (lttng-modules names) are counted as the trace spells
// them, names without a system get theirs, and io_uring req pointers that the
// kernel reuses are linked in time order.
#include "trackers/ImportPipeline.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace aioscope;
using trace::RawEvent;
using trace::RawField;

namespace {

struct EventBuilder {
    std::vector<RawField> fields;
    RawEvent event;
    EventBuilder(TimeNs ts, std::int32_t tid, std::string_view comm, std::string_view name) {
        event.ts = ts;
        event.tid = tid;
        event.pid = tid;
        event.comm = comm;
        event.name = name;
    }
    // As the CTF reader gives an lttng-modules event: ftrace names, its own kept.
    EventBuilder& translatedFrom(std::string_view system, std::string_view ownName) {
        event.sourceName = ownName;
        event.system = system;
        return *this;
    }
    EventBuilder& num(std::string_view name, std::int64_t v) {
        fields.push_back({name, {}, v, true});
        return *this;
    }
    EventBuilder& text(std::string_view name, std::string_view v) {
        fields.push_back({name, v, 0, false});
        return *this;
    }
    void into(trace::RawEventSink& sink) {
        event.fields = fields;
        sink.onEvent(event);
    }
};

// A sched_switch from `prev`, which goes to sleep, to `next`.
void switchTo(trace::RawEventSink& sink, TimeNs ts, std::int32_t prev, std::string_view prevComm, std::int32_t next,
              std::string_view nextComm) {
    EventBuilder(ts, prev, prevComm, "sched_switch").text("prev_comm", prevComm).num("prev_pid", prev)
        .text("prev_state", "S").text("next_comm", nextComm).num("next_pid", next).into(sink);
}

aioscope::Run finish(aioscope::Run& run, trackers::ImportPipeline& p) {
    p.finish();
    run.finalize();
    return std::move(run);
}

TEST(TrackerPipeline, TranslatedSyscallNamesMakeSyncRequestsAndCountAsTheTraceSpellsThem) {
    aioscope::Run run;
    trackers::ImportPipeline p(run);
    EventBuilder(1000, 42, "db", "sys_enter_pread64")
        .translatedFrom("syscalls", "syscall_entry_pread64")
        .num("fd", 5)
        .num("count", 4096)
        .num("pos", 8192)
        .into(p);
    EventBuilder(3000, 42, "db", "sys_exit_pread64")
        .translatedFrom("syscalls", "syscall_exit_pread64")
        .num("ret", 4096)
        .into(p);
    // Without a system, as ftrace text prints them.
    EventBuilder(4000, 42, "db", "sys_enter_fdatasync").num("fd", 5).into(p);
    EventBuilder(9000, 42, "db", "sys_exit_fdatasync").num("ret", 0).into(p);
    auto done = finish(run, p);
    ASSERT_EQ(done.requests.size(), 2u);
    const Request read = done.requests.get(0);
    EXPECT_EQ(read.op, IoOp::Read);
    EXPECT_EQ(read.source, RequestSource::SyncSyscall);
    EXPECT_EQ(read.offset, 8192u);
    EXPECT_EQ(read.length, 4096u);
    EXPECT_EQ(read.result, 4096);
    EXPECT_EQ(read.latencyNs(), 2000);
    EXPECT_EQ(done.requests.get(1).op, IoOp::Fsync);
    EXPECT_EQ(done.handOffCount(), 0u);
    EXPECT_EQ(done.eventCounts.at("syscall_entry_pread64"), 1u);
    EXPECT_EQ(done.eventCounts.at("sys_enter_fdatasync"), 1u);
}

TEST(TrackerPipeline, ReusedIoUringReqPointersLinkInTimeOrder) {
    aioscope::Run run;
    trackers::ImportPipeline p(run);
    // Same req pointer and user_data twice: the first request completes inline,
    // the second is punted and completes in an io-wq worker.
    EventBuilder(100, 7, "app", "io_uring_submit_req").num("req", 0xabc).num("user_data", 1).text("op_str", "READ").into(p);
    EventBuilder(150, 7, "app", "io_uring_complete").num("req", 0xabc).num("user_data", 1).num("res", 512).into(p);
    EventBuilder(200, 7, "app", "io_uring_submit_req").num("req", 0xabc).num("user_data", 1).text("op_str", "WRITE").into(p);
    EventBuilder(210, 7, "app", "io_uring_queue_async_work").num("req", 0xabc).num("user_data", 1).into(p);
    EventBuilder(400, 8, "iou-wrk-7", "io_uring_complete").num("req", 0xabc).num("user_data", 1).num("res", -27).into(p);
    EventBuilder(390, 8, "iou-wrk-7", "signal_generate").num("sig", 25).num("pid", 8).text("comm", "iou-wrk-7").into(p);
    auto done = finish(run, p);
    ASSERT_EQ(done.requests.size(), 2u);
    const Request inlineRead = done.requests.get(0);
    const Request puntedWrite = done.requests.get(1);
    EXPECT_EQ(inlineRead.op, IoOp::Read);
    EXPECT_EQ(inlineRead.completeNs, 150);
    EXPECT_FALSE(inlineRead.flags & kRequestHandOff);
    EXPECT_EQ(puntedWrite.op, IoOp::Write);
    EXPECT_EQ(puntedWrite.queuedNs, 210);
    EXPECT_EQ(puntedWrite.result, -27);
    EXPECT_TRUE(puntedWrite.flags & kRequestHandOff);
    EXPECT_TRUE(puntedWrite.flags & kRequestLeak);
    ASSERT_EQ(done.segmentsOf(1).size(), 1u);
    EXPECT_EQ(done.tasks[done.segmentsOf(1)[0].task].tid, 8);
    std::size_t sigxfsz = 0;
    for (const auto& c : done.checks)
        if (c.attribute == ContextAttribute::Sigxfsz && c.verdict == CheckVerdict::Leak && c.request == 1)
            ++sigxfsz;
    EXPECT_EQ(sigxfsz, 1u);
}

// A thread other than the main one owns the ring: its io-wq worker is named
// after the thread's tid, and the kernel posts the completion from the
// submitter's task work. The request runs on that worker, not on the main
// thread's worker nor on an "unknown executor" lane.
TEST(TrackerPipeline, PuntedRequestRunsOnTheWorkerNamedAfterTheSubmittingThread) {
    aioscope::Run run;
    trackers::ImportPipeline p(run);
    EventBuilder sub(100, 9, "sub0", "io_uring_submit_req");
    sub.event.pid = 7;
    sub.num("req", 0xdef).num("user_data", 3).text("op_str", "WRITE").into(p);
    EventBuilder queued(110, 9, "sub0", "io_uring_queue_async_work");
    queued.event.pid = 7;
    queued.num("req", 0xdef).num("user_data", 3).into(p);
    switchTo(p, 120, 9, "sub0", 21, "iou-wrk-9"); // the submitting thread's worker
    switchTo(p, 130, 21, "iou-wrk-9", 22, "iou-wrk-7"); // the main thread's worker, later
    switchTo(p, 180, 22, "iou-wrk-7", 9, "sub0");
    EventBuilder done(200, 9, "sub0", "io_uring_complete");
    done.event.pid = 7;
    done.num("req", 0xdef).num("user_data", 3).num("res", 4096).into(p);
    auto r = finish(run, p);
    ASSERT_EQ(r.requests.size(), 1u);
    ASSERT_EQ(r.segmentsOf(0).size(), 1u);
    const Task& executor = r.tasks[r.segmentsOf(0)[0].task];
    EXPECT_EQ(executor.tid, 21) << r.strings.view(executor.comm);
    EXPECT_TRUE(r.requests.get(0).flags & kRequestHandOff);
}

// A new io-wq worker runs first under its creator's name; the kernel may post
// the completion (from the submitter) before the trace names the worker
// iou-wrk-9 (here only its later switch out does). The request still goes to
// that worker, from the switch-in where it started (known from its
// CLONE_IO task_newtask), not to an "unknown executor" lane.
TEST(TrackerPipeline, PuntedRequestWaitsForItsWorkerToBeNamed) {
    aioscope::Run run;
    trackers::ImportPipeline p(run);
    EventBuilder(100, 9, "sub0", "io_uring_submit_req").num("req", 0xabc).num("user_data", 1).text("op_str", "WRITE").into(p);
    EventBuilder(110, 9, "sub0", "io_uring_queue_async_work").num("req", 0xabc).num("user_data", 1).into(p);
    // CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_IO
    EventBuilder(112, 9, "sub0", "task_newtask").num("pid", 21).text("comm", "sub0").num("clone_flags", 0x80010f00).into(p);
    switchTo(p, 120, 9, "sub0", 21, "sub0");
    switchTo(p, 150, 21, "sub0", 9, "sub0");
    EventBuilder(200, 9, "sub0", "io_uring_complete").num("req", 0xabc).num("user_data", 1).num("res", 4096).into(p);
    switchTo(p, 300, 9, "sub0", 21, "sub0");
    switchTo(p, 320, 21, "iou-wrk-9", 9, "sub0"); // first seen under its own name
    auto r = finish(run, p);
    ASSERT_EQ(r.requests.size(), 1u);
    ASSERT_EQ(r.segmentsOf(0).size(), 1u);
    const ExecSegment seg = r.segmentsOf(0)[0];
    EXPECT_EQ(r.tasks[seg.task].tid, 21) << r.strings.view(r.tasks[seg.task].comm);
    EXPECT_EQ(seg.startNs, 120);
    EXPECT_EQ(seg.endNs, 200);
    for (const Task& t : r.tasks)
        EXPECT_NE(t.tid, -1) << "a placeholder lane: " << r.strings.view(t.comm);
}

// A punted request whose process never shows an iou-wrk thread: one
// placeholder lane says the executor is unknown, not the submitter.
TEST(TrackerPipeline, PuntedRequestWithNoWorkerInTheTraceGoesToThePlaceholder) {
    aioscope::Run run;
    trackers::ImportPipeline p(run);
    EventBuilder(100, 9, "sub0", "io_uring_submit_req").num("req", 0xabc).num("user_data", 1).text("op_str", "WRITE").into(p);
    EventBuilder(110, 9, "sub0", "io_uring_queue_async_work").num("req", 0xabc).num("user_data", 1).into(p);
    EventBuilder(200, 9, "sub0", "io_uring_complete").num("req", 0xabc).num("user_data", 1).num("res", 4096).into(p);
    auto r = finish(run, p);
    ASSERT_EQ(r.segmentsOf(0).size(), 1u);
    const Task& executor = r.tasks[r.segmentsOf(0)[0].task];
    EXPECT_EQ(executor.tid, -1);
    EXPECT_EQ(r.strings.view(executor.comm), "unknown executor (io-wq of pid 9)");
    EXPECT_TRUE(r.requests.get(0).flags & kRequestHandOff);
}

TEST(TrackerPipeline, SchedSwitchMakesLaneStates) {
    aioscope::Run run;
    trackers::ImportPipeline p(run);
    EventBuilder(0, 1, "a", "sched_switch").text("prev_comm", "a").num("prev_pid", 1).text("prev_state", "D")
        .text("next_comm", "b").num("next_pid", 2).into(p);
    EventBuilder(50, 2, "b", "sched_switch").text("prev_comm", "b").num("prev_pid", 2).text("prev_state", "R")
        .text("next_comm", "a").num("next_pid", 1).into(p);
    EventBuilder(80, 1, "a", "sched_switch").text("prev_comm", "a").num("prev_pid", 1).text("prev_state", "S")
        .text("next_comm", "b").num("next_pid", 2).into(p);
    auto done = finish(run, p);
    ASSERT_EQ(done.tasks.size(), 2u);
    const auto& a = done.timeline.states(0);
    ASSERT_EQ(a.state.size(), 3u);
    EXPECT_EQ(a.state[0], LaneState::Blocked); // 0..50
    EXPECT_EQ(a.state[1], LaneState::Running); // 50..80
    EXPECT_EQ(a.state[2], LaneState::Sleeping); // 80..end
    EXPECT_EQ(a.start[1], 50);
    EXPECT_EQ(a.end[1], 80);
}

} // namespace

// Two providers may both have a `submit`: each keeps its own count and its
// own routing, whichever the trace shows first.
TEST(TrackerPipeline, SameEventNameInTwoSystemsStaysTwoKinds) {
    aioscope::Run run;
    trackers::ImportPipeline p(run);
    EXPECT_FALSE(p.wantsFields("otherapp", "submit"));
    EventBuilder other(100, 7, "app", "submit");
    other.event.system = "otherapp";
    other.num("seq", 1).into(p);
    EXPECT_TRUE(p.wantsFields("aioscope", "submit")) << "routing of aioscope:submit must not follow otherapp:submit";
    EventBuilder ours(200, 7, "app", "submit");
    ours.event.system = "aioscope";
    ours.num("seq", 1).into(p);
    EventBuilder bare(300, 7, "app", "submit");
    bare.into(p);
    auto done = finish(run, p);
    EXPECT_EQ(done.eventCounts.at("otherapp:submit"), 1u);
    EXPECT_EQ(done.eventCounts.at("aioscope:submit"), 1u);
    EXPECT_EQ(done.eventCounts.at("submit"), 1u);
    EXPECT_EQ(done.eventsRead, 3u);
}

// ftrace's tgid column comes from a map refreshed at context switches, so a
// thread's first events may name the process that last had its pid. The
// latest header wins; a pid from a fork event is not overridden.
TEST(TrackerPipeline, StaleTgidInEarlyHeadersIsCorrectedByLaterOnes) {
    aioscope::Run run;
    trackers::ImportPipeline p(run);
    // A sched_switch away from `tid` whose header says tgid `pid`.
    auto switchOut = [&](TimeNs ts, std::int32_t tid, std::string_view comm, std::int32_t pid) {
        EventBuilder e(ts, tid, comm, "sched_switch");
        e.event.pid = pid;
        e.text("prev_comm", comm).num("prev_pid", tid).num("prev_state", 0).text("next_comm", "swapper/0")
            .num("next_pid", 0).into(p);
    };
    switchOut(100, 501, "app", 900);
    EventBuilder fork(150, 501, "app", "sched_process_fork");
    fork.event.pid = 900;
    fork.text("comm", "app").num("pid", 501).text("child_comm", "child").num("child_pid", 777).num("child_tgid", 777)
        .into(p);
    switchOut(200, 501, "app", 500);
    switchOut(300, 777, "child", 123);
    auto done = finish(run, p);
    int seen = 0;
    for (const Task& t : done.tasks) {
        if (t.tid == 501) {
            EXPECT_EQ(t.pid, 500);
            ++seen;
        }
        if (t.tid == 777) {
            EXPECT_EQ(t.pid, 777) << "a fork event's child_tgid is not overridden by a header";
            ++seen;
        }
    }
    EXPECT_EQ(seen, 2);
}

// One thread, one task: task_newtask and sched_process_fork announce the same
// child, and the exiting thread's last switch (prev_state=X) is still it. A
// later fork of the same tid is a new thread.
TEST(TrackerPipeline, NewtaskForkExitAndLastSwitchMakeOneTask) {
    aioscope::Run run;
    trackers::ImportPipeline p(run);
    EventBuilder(100, 10471, "fio", "task_newtask").num("pid", 10472).text("comm", "fio").num("clone_flags", 0x3d0f00)
        .into(p);
    EventBuilder(101, 10471, "fio", "sched_process_fork").text("comm", "fio").num("pid", 10471).text("child_comm", "fio")
        .num("child_pid", 10472).into(p);
    EventBuilder(200, 10472, "fio", "sched_process_exit").text("comm", "fio").num("pid", 10472).into(p);
    EventBuilder(250, 10472, "fio", "sched_switch").text("prev_comm", "fio").num("prev_pid", 10472).num("prev_state", 64)
        .text("next_comm", "fio").num("next_pid", 10473).into(p);
    EventBuilder(900, 10471, "fio", "sched_process_fork").text("comm", "fio").num("pid", 10471).text("child_comm", "fio")
        .num("child_pid", 10472).into(p);
    auto done = finish(run, p);
    std::vector<const Task*> children;
    for (const Task& t : done.tasks)
        if (t.tid == 10472)
            children.push_back(&t);
    ASSERT_EQ(children.size(), 2u) << "the first thread and the one that reused its tid at 900";
    EXPECT_EQ(children[0]->firstSeenNs, 100);
    EXPECT_EQ(children[0]->lastSeenNs, 250);
    EXPECT_NE(children[0]->parent, kNoTask);
    EXPECT_EQ(children[1]->firstSeenNs, 900);
    EXPECT_NE(children[1]->parent, kNoTask);
}

// A reader that can tell how many events are coming lets the pipeline size
// the run's columns once the rate is known; the run it builds is the same.
TEST(TrackerPipeline, SizingTheColumnsForTheExpectedEventsChangesNothingInTheRun) {
    constexpr int kRequests = 150000; // 300000 events: enough for the pipeline to size ahead
    auto feed = [](trackers::ImportPipeline& p) {
        for (int i = 0; i < kRequests; ++i) {
            const TimeNs t = 1000 + static_cast<TimeNs>(i) * 10;
            EventBuilder(t, 42, "db", "sys_enter_pread64").num("fd", 5).num("count", 4096).num("pos", i * 4096).into(p);
            EventBuilder(t + 5, 42, "db", "sys_exit_pread64").num("ret", 4096).into(p);
        }
    };
    aioscope::Run plain;
    trackers::ImportPipeline p(plain);
    feed(p);
    aioscope::Run sized;
    trackers::ImportPipeline q(sized);
    q.expectEvents(2 * kRequests);
    feed(q);
    // Sized once for the whole trace, not grown by doubling past it.
    const auto& submitNs = sized.requests.columns().submitNs;
    EXPECT_GE(submitNs.capacity(), static_cast<std::size_t>(kRequests));
    EXPECT_LT(submitNs.capacity(), static_cast<std::size_t>(kRequests) * 3 / 2);
    auto a = finish(plain, p);
    auto b = finish(sized, q);
    EXPECT_EQ(b.requests.size(), static_cast<std::size_t>(kRequests));
    EXPECT_TRUE(a == b);
}
