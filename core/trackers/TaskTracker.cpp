#include "trackers/TaskTracker.h"

#include "trackers/EventFields.h"
#include "trackers/TrackerContext.h"

namespace aioscope::trackers {

namespace {
// task_newtask and sched_process_fork both announce one new thread.
bool isChildOf(const TrackerContext& ctx, TaskId task, TaskId parent) {
    return task != kNoTask && parent != kNoTask && !ctx.exited(task) && ctx.run().tasks[task].parent == parent;
}
} // namespace

bool TaskTracker::wants(std::string_view system, std::string_view name) const {
    return name == "sched_process_fork" || name == "task_newtask" || name == "task_rename" ||
           name == "sched_process_exit" || name == "sched_process_free" || name == "sched_process_exec" ||
           (system == "lttng_statedump" && name == "process_state");
}

void TaskTracker::onEvent(const trace::RawEvent& e, TrackerContext& ctx) {
    const TaskId self = ctx.taskOf(e);
    if (e.name == "sched_process_fork") {
        auto child = numberOf(e, {"child_pid"});
        if (!child)
            return;
        std::string_view comm = textOf(e, {"child_comm"});
        if (comm.empty())
            comm = e.comm;
        std::int32_t pid = 0;
        if (auto cp = numberOf(e, {"child_tgid"}))
            pid = static_cast<std::int32_t>(*cp);
        const TaskId existing = ctx.findTask(static_cast<std::int32_t>(*child));
        if (isChildOf(ctx, existing, self)) { // task_newtask made it a moment ago
            ctx.setPid(existing, pid);
            return;
        }
        // A tid seen before: that thread is gone (its exit may be missing
        // from the trace, so its last event stays its end).
        if (existing != kNoTask && existing != self)
            ctx.endTask(existing, kNoTime);
        if (existing == kNoTask || existing != self)
            ctx.startNewTask(static_cast<std::int32_t>(*child), pid, comm, e.ts, self);
    } else if (e.name == "task_newtask") {
        auto child = numberOf(e, {"pid"});
        if (!child)
            return;
        const TaskId existing = ctx.findTask(static_cast<std::int32_t>(*child));
        if (isChildOf(ctx, existing, self))
            return; // sched_process_fork made it already
        if (existing != kNoTask)
            ctx.endTask(existing, kNoTime);
        // A thread (CLONE_THREAD) joins its creator's process; a fork starts its own.
        const bool thread = (numberOf(e, {"clone_flags"}).value_or(0) & 0x10000) != 0;
        std::int32_t pid = static_cast<std::int32_t>(*child);
        if (thread && self != kNoTask) {
            // Only a parent pid from a fork event is sure; a header's may be
            // stale, and then the thread's own headers decide.
            const Task& parent = ctx.run().tasks[self];
            pid = !ctx.pidFromFork(self) ? 0 : parent.pid > 0 ? parent.pid : parent.tid;
        }
        ctx.startNewTask(static_cast<std::int32_t>(*child), pid, textOf(e, {"comm"}), e.ts, self);
    } else if (e.name == "task_rename") {
        auto tid = numberOf(e, {"pid"});
        TaskId t = tid ? ctx.taskByTid(static_cast<std::int32_t>(*tid), {}, e.ts) : self;
        const std::string_view comm = textOf(e, {"newcomm"});
        ctx.setComm(t, comm);
        // io_uring's threads are named after their process: iou-wrk-PID, iou-sqp-PID.
        if (t != kNoTask && ctx.run().tasks[t].pid == 0 && (comm.starts_with("iou-wrk-") || comm.starts_with("iou-sqp-"))) {
            std::int32_t pid = 0;
            for (char c : comm.substr(8)) {
                if (c < '0' || c > '9' || pid > 100000000) {
                    pid = -1;
                    break;
                }
                pid = pid * 10 + (c - '0');
            }
            if (pid > 0)
                ctx.setPid(t, pid);
        }
    } else if (e.name == "sched_process_exit" || e.name == "sched_process_free") {
        auto tid = numberOf(e, {"pid"});
        TaskId t = tid ? ctx.findTask(static_cast<std::int32_t>(*tid)) : self;
        if (t != kNoTask)
            ctx.endTask(t, e.ts);
    } else if (e.name == "sched_process_exec") {
        // The new program's name shows in later headers; nothing to split here.
    } else if (e.name == "process_state") {
        auto tid = numberOf(e, {"tid"});
        if (!tid)
            return;
        TaskId t = ctx.taskByTid(static_cast<std::int32_t>(*tid), textOf(e, {"name"}), e.ts);
        if (auto pid = numberOf(e, {"pid"}))
            ctx.setPid(t, static_cast<std::int32_t>(*pid));
    }
}

} // namespace aioscope::trackers
