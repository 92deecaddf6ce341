#pragma once
#include "model/Request.h"
#include "model/Run.h"
#include "trackers/Tracker.h"

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace aioscope::trackers {

// io_uring requests from io_uring_submit_req -> io_uring_queue_async_work ->
// io_uring_complete, linked by req pointer (then user_data) in time order;
// both are reused, so a completed request leaves the maps.
//
// Who executed it:
// - not punted: the task that submitted it to the kernel (the submitter, or
//   iou-sqp-PID under SQPOLL), from submit to completion;
// - punted to io-wq: the completion's header task when it is an iou-wrk
//   thread; on kernels that post the completion from the submitter's task
//   work, the iou-wrk thread of the submitter's process that ran in between
//   (from sched_switch, else from its own events). A worker may get its
//   iou-wrk name only after the completion (its task_rename or its first
//   switch out under that name comes later), so a request with no named
//   worker yet waits and is placed when one is named, at the latest at the
//   end of the trace; only then, with none, on a placeholder task
//   "unknown executor (io-wq of pid PID)" (tid -1): it still ran in io-wq.
// The submitter is the ring owner under SQPOLL (iou-sqp-PID -> PID).
class IoUringTracker : public Tracker {
public:
    std::string_view name() const override { return "io_uring"; }
    bool wants(std::string_view system, std::string_view name) const override;
    void onEvent(const trace::RawEvent& event, TrackerContext& context) override;
    void finish(TrackerContext& context) override;

private:
    struct Pending {
        RequestId id = kNoRequest;
        TaskId issuer = kNoTask; // who entered the kernel with it (submitter or iou-sqp)
        std::uint64_t req = 0;
        std::uint64_t userData = 0;
        std::uint64_t ctx = 0;
        bool punted = false;
    };
    struct WorkerRun {
        TimeNs lastIn = kNoTime;
        TimeNs lastOut = kNoTime;
        bool running = false;
        // An io worker's switches in (+ts) and out (-ts-1), in time order: a
        // punted request starts when it was queued if the worker was running
        // then, else at its next switch-in (not at its latest one: it may have
        // run the request and slept again before the completion was posted).
        std::vector<TimeNs> switches;
        std::vector<std::uint64_t> switchEvents; // the event id of each switch (the request's events)
    };
    // When a punted request queued at `from` started on `worker`; *event gets
    // the switch-in that started it (unchanged when it was already running).
    TimeNs startOn(TaskId worker, TimeNs from, TimeNs to, std::uint64_t* event = nullptr) const;
    // Whether `worker` ran in [from, to], by its switches: *start is `from`
    // when it was running then (*at = no switch), else its first switch-in
    // inside, at index *at of its switches.
    bool findRun(TaskId worker, TimeNs from, TimeNs to, TimeNs* start, std::size_t* at) const;
    void onSubmit(const trace::RawEvent& e, TrackerContext& ctx);
    void onQueue(const trace::RawEvent& e, TrackerContext& ctx);
    void onComplete(const trace::RawEvent& e, TrackerContext& ctx);
    void onSwitch(const trace::RawEvent& e, TrackerContext& ctx);
    void onNewTask(const trace::RawEvent& e, TrackerContext& ctx);
    // Gives each waiting request its worker; `last` (end of trace): those
    // with none go to the placeholder.
    void place(TrackerContext& ctx, bool last);
    TaskId placeholderFor(TrackerContext& ctx, std::int32_t pid, TimeNs from, TimeNs to);
    Pending* find(std::uint64_t req, std::uint64_t userData);
    void forget(const Pending& p);
    TaskId workerFor(TrackerContext& ctx, TaskId submitter, TimeNs from, TimeNs to, TimeNs* start,
                     std::uint64_t* startEvent);

    std::vector<Pending> pending_;                       // in flight
    std::unordered_map<std::uint64_t, std::size_t> byReq_; // req -> index in pending_
    std::unordered_map<std::uint64_t, TaskId> ringOwner_; // ctx -> task that created the ring
    void refreshWorkers(const Run& run);
    std::vector<WorkerRun> runs_;     // per task, from sched_switch
    std::vector<TaskId> ioWorkers_;   // tasks named iou-wrk-*
    std::size_t tasksScanned_ = 0;
    bool renamed_ = false;
    std::vector<bool> isWorker_;      // by task: in ioWorkers_
    std::vector<bool> ioThread_;      // by task: created with CLONE_IO (an io worker before its rename)
    struct Unplaced {
        RequestId request = kNoRequest;
        TaskId submitter = kNoTask;
        TimeNs from = kNoTime; // queued
        TimeNs to = kNoTime;   // completed
    };
    std::vector<Unplaced> unplaced_; // punted and completed, no named worker yet
    std::unordered_map<std::int32_t, TaskId> placeholder_; // pid -> unseen io-wq worker
};

} // namespace aioscope::trackers
