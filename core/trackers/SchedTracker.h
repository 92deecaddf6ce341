#pragma once
#include "model/LaneState.h"
#include "trackers/Tracker.h"

#include <vector>

namespace aioscope::trackers {

// Lane states per task from sched_switch: running between switch-in and
// switch-out, then runnable/sleeping/blocked/dead by prev_state until the next
// switch-in. Also tells other trackers when a task last ran (lastRun()).
class SchedTracker : public Tracker {
public:
    std::string_view name() const override { return "sched"; }
    bool wants(std::string_view system, std::string_view name) const override;
    void onEvent(const trace::RawEvent& event, TrackerContext& context) override;
    void finish(TrackerContext& context) override;

private:
    struct Open {
        TimeNs start = kNoTime;
        LaneState state = LaneState::Unknown;
    };
    void close(TrackerContext& ctx, TaskId task, TimeNs ts);
    std::vector<Open> open_;
    TimeNs last_ = kNoTime;
};

} // namespace aioscope::trackers
