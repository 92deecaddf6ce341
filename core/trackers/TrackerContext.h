#pragma once
#include "model/Run.h"
#include "trace/RawEvent.h"

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace aioscope::trackers {

// What trackers share while one trace is imported: the Run being filled,
// live tid -> task resolution, and the request each task is executing now.
class TrackerContext {
public:
    explicit TrackerContext(Run& run) : run_(run) {}

    Run& run() { return run_; }
    const Run& run() const { return run_; }
    TimeNs now() const { return now_; }
    void setNow(TimeNs t) { now_ = t; }

    static constexpr std::uint64_t kNoEvent = ~std::uint64_t{0};
    // The id in the run's event index of the event being delivered (kNoEvent without an index).
    std::uint64_t event() const { return event_; }
    void setEvent(std::uint64_t id) { event_ = id; }
    // The event being delivered (or an earlier one a tracker kept) built this request.
    void linkEvent(RequestId request) { linkEvent(request, event_); }
    void linkEvent(RequestId request, std::uint64_t event) {
        if (event != kNoEvent && request != kNoRequest)
            run_.requestEvents.link(request, event);
    }

    // The task an event's header names (comm/tid/pid); creates it on first
    // sight and keeps comm, pid and lastSeen current. Returns kNoTask for tid < 0.
    // A header's pid (ftrace's tgid column) can be stale: the kernel fills it
    // from a pid->tgid map refreshed only at context switches, so until the
    // thread is switched out it may name the process that last had its pid.
    // The latest header therefore wins, unless a fork event set the pid.
    TaskId taskOf(const trace::RawEvent& event);
    // The live task with this tid (creating one with the given comm if unseen).
    TaskId taskByTid(std::int32_t tid, std::string_view comm = {}, TimeNs ts = kNoTime);
    // The live task with this tid, or kNoTask.
    TaskId findTask(std::int32_t tid) const;
    // A new task for a reused tid (fork of a tid seen before, or exit + reuse).
    TaskId startNewTask(std::int32_t tid, std::int32_t pid, std::string_view comm, TimeNs ts, TaskId parent);
    void setComm(TaskId task, std::string_view comm);
    void setPid(TaskId task, std::int32_t pid);
    // Whether the task's pid came from a fork event or setPid, not a header.
    bool pidFromFork(TaskId task) const { return task < facts_.size() && facts_[task].pidFromFork; }
    // The task exited. Its tid keeps naming it (the exiting thread still
    // switches out once, prev_state=X) until a fork event reuses the tid.
    void endTask(TaskId task, TimeNs ts);
    bool exited(TaskId task) const { return task < facts_.size() && facts_[task].exited; }
    // "comm-tid", how checks print a task.
    std::string describe(TaskId task) const;

    // Requests running on a task now (a worker runs one at a time; a sync
    // syscall is its own request). Stack-shaped: the innermost is current.
    void beginExecution(TaskId task, RequestId request);
    void endExecution(TaskId task, RequestId request);
    RequestId executing(TaskId task) const;

private:
    Run& run_;
    TimeNs now_ = kNoTime;
    std::uint64_t event_ = kNoEvent;
    std::unordered_map<std::int32_t, TaskId> byTid_; // only startNewTask changes it
    mutable std::int32_t lastTid_ = -1;               // findTask's one-entry cache of byTid_
    mutable TaskId lastTask_ = kNoTask;
    std::vector<std::vector<RequestId>> executing_; // per task
    // What the trackers learnt of a task beyond the model's Task. Tasks can
    // also be added to the run by a tracker (placeholders), so it grows lazily.
    struct TaskFacts {
        bool pidFromFork = false; // pid set by a fork event or setPid, not a header
        bool exited = false;
    };
    TaskFacts& factsOf(TaskId task);
    std::vector<TaskFacts> facts_;
};

} // namespace aioscope::trackers
