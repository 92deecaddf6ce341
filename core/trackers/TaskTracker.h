#pragma once
#include "trackers/Tracker.h"

namespace aioscope::trackers {

// Threads and their names: fork (new task, parent link; a reused tid starts a
// new task), task_newtask, task_rename (iou-wrk-PID gets its name this way),
// exit, exec, and lttng's statedump (the thread list at trace start). Every
// event's header already creates and refreshes its task (TrackerContext::taskOf).
class TaskTracker : public Tracker {
public:
    std::string_view name() const override { return "tasks"; }
    bool wants(std::string_view system, std::string_view name) const override;
    void onEvent(const trace::RawEvent& event, TrackerContext& context) override;
};

} // namespace aioscope::trackers
