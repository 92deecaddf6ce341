#include "trackers/SchedTracker.h"

#include "trackers/EventFields.h"
#include "trackers/TrackerContext.h"

namespace aioscope::trackers {

namespace {
LaneState stateFrom(const trace::RawEvent& e) {
    const trace::RawField* f = e.field("prev_state");
    if (!f)
        return LaneState::Unknown;
    if (!f->text.empty() && !(f->text[0] >= '0' && f->text[0] <= '9')) {
        switch (f->text[0]) {
        case 'R': return LaneState::Runnable;
        case 'D': return LaneState::Blocked;
        case 'X':
        case 'Z': return LaneState::Dead;
        default: return LaneState::Sleeping; // S, I, T, t, P, W
        }
    }
    const std::int64_t v = f->number;
    if (v == 0 || v >= 4096) // running when preempted (TASK_REPORT_MAX marks preemption)
        return LaneState::Runnable;
    if (v & 2)
        return LaneState::Blocked;
    if (v & (16 | 32 | 128))
        return LaneState::Dead;
    return LaneState::Sleeping;
}
} // namespace

bool SchedTracker::wants(std::string_view, std::string_view name) const { return name == "sched_switch"; }

void SchedTracker::close(TrackerContext& ctx, TaskId task, TimeNs ts) {
    if (task >= open_.size())
        open_.resize(task + 1);
    Open& o = open_[task];
    if (o.start != kNoTime && ts >= o.start)
        ctx.run().timeline.addState(task, o.start, ts, o.state);
    o.start = kNoTime;
}

void SchedTracker::onEvent(const trace::RawEvent& e, TrackerContext& ctx) {
    last_ = e.ts;
    auto prevTid = numberOf(e, {"prev_pid"});
    auto nextTid = numberOf(e, {"next_pid"});
    if (prevTid && *prevTid > 0) {
        TaskId prev = ctx.taskByTid(static_cast<std::int32_t>(*prevTid), textOf(e, {"prev_comm"}), e.ts);
        close(ctx, prev, e.ts);
        open_[prev] = {e.ts, stateFrom(e)};
    }
    if (nextTid && *nextTid > 0) {
        TaskId next = ctx.taskByTid(static_cast<std::int32_t>(*nextTid), textOf(e, {"next_comm"}), e.ts);
        close(ctx, next, e.ts);
        open_[next] = {e.ts, LaneState::Running};
    }
}

void SchedTracker::finish(TrackerContext& ctx) {
    for (TaskId t = 0; t < open_.size(); ++t)
        if (open_[t].start != kNoTime && last_ != kNoTime)
            close(ctx, t, last_);
}

} // namespace aioscope::trackers
