#include "model/Timeline.h"

#include "model/PagePrefault.h"
#include "model/Request.h"

#include <algorithm>
#include <numeric>

namespace aioscope {

namespace {
template <typename Columns>
void rebuildMaxEnd(Columns& c) {
    c.maxEnd.reserve(c.end.size());
    PagePrefault::populateUpTo(c.maxEnd, c.end.size());
    c.maxEnd.resize(c.end.size());
    TimeNs m = kNoTime;
    for (std::size_t i = 0; i < c.end.size(); ++i) {
        m = std::max(m, c.end[i]);
        c.maxEnd[i] = m;
    }
}

template <typename Columns>
Timeline::Range rangeIn(const Columns& c, TimeNs t0, TimeNs t1) {
    Timeline::Range r;
    r.begin = static_cast<std::size_t>(std::upper_bound(c.maxEnd.begin(), c.maxEnd.end(), t0) - c.maxEnd.begin());
    r.end = static_cast<std::size_t>(std::lower_bound(c.start.begin(), c.start.end(), t1) - c.start.begin());
    if (r.end < r.begin)
        r.end = r.begin;
    return r;
}
} // namespace

const char* laneStateName(LaneState s) {
    switch (s) {
    case LaneState::Running: return "running";
    case LaneState::Runnable: return "runnable";
    case LaneState::Blocked: return "blocked";
    case LaneState::Sleeping: return "sleeping";
    case LaneState::Dead: return "dead";
    case LaneState::Unknown: break;
    }
    return "unknown";
}

void Timeline::resizeLanes(std::size_t taskCount) {
    states_.resize(taskCount);
    segments_.resize(taskCount);
}

void Timeline::addState(TaskId task, TimeNs start, TimeNs end, LaneState state) {
    if (task >= states_.size())
        resizeLanes(task + 1);
    auto& c = states_[task];
    c.start.push_back(start);
    c.end.push_back(end);
    c.state.push_back(state);
}

void Timeline::reserveStates(TaskId task, std::size_t count) {
    auto& c = states_.at(task);
    c.start.reserve(count);
    c.end.reserve(count);
    c.state.reserve(count);
}

void Timeline::sortStates() {
    for (auto& c : states_) {
        if (!std::is_sorted(c.start.begin(), c.start.end())) {
            SpillVector<std::size_t> order(c.start.size());
            std::iota(order.begin(), order.end(), 0);
            std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return c.start[a] < c.start[b]; });
            StateColumns sorted;
            sorted.start.reserve(order.size());
            sorted.end.reserve(order.size());
            sorted.state.reserve(order.size());
            for (auto i : order) {
                sorted.start.push_back(c.start[i]);
                sorted.end.push_back(c.end[i]);
                sorted.state.push_back(c.state[i]);
            }
            c = std::move(sorted);
        }
        rebuildMaxEnd(c);
    }
}

void Timeline::indexSegments(std::span<const ExecSegment> segments, std::size_t taskCount) {
    if (states_.size() < taskCount)
        resizeLanes(taskCount);
    segments_.assign(states_.size(), {});
    // Each lane sized first, so its columns are written once instead of copied as they grow.
    std::vector<std::size_t> perLane(states_.size());
    for (const auto& s : segments)
        if (s.task != kNoTask) {
            if (s.task >= perLane.size())
                perLane.resize(s.task + 1);
            ++perLane[s.task];
        }
    if (perLane.size() > segments_.size())
        resizeLanes(perLane.size());
    for (std::size_t t = 0; t < perLane.size(); ++t) {
        auto& lane = segments_[t];
        lane.start.reserve(perLane[t]);
        lane.end.reserve(perLane[t]);
        lane.request.reserve(perLane[t]);
        // Exact counts: every page of these will be written.
        PagePrefault::populateUpTo(lane.start, perLane[t]);
        PagePrefault::populateUpTo(lane.end, perLane[t]);
        PagePrefault::populateUpTo(lane.request, perLane[t]);
    }
    for (const auto& s : segments) {
        if (s.task == kNoTask)
            continue;
        if (s.task >= segments_.size())
            resizeLanes(s.task + 1);
        auto& c = segments_[s.task];
        c.start.push_back(s.startNs);
        c.end.push_back(s.endNs);
        c.request.push_back(s.request);
    }
    for (auto& c : segments_) {
        if (!std::is_sorted(c.start.begin(), c.start.end())) {
            SpillVector<std::size_t> order(c.start.size());
            std::iota(order.begin(), order.end(), 0);
            std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return c.start[a] < c.start[b]; });
            SegmentColumns sorted;
            sorted.start.reserve(order.size());
            sorted.end.reserve(order.size());
            sorted.request.reserve(order.size());
            for (auto i : order) {
                sorted.start.push_back(c.start[i]);
                sorted.end.push_back(c.end[i]);
                sorted.request.push_back(c.request[i]);
            }
            c = std::move(sorted);
        }
        rebuildMaxEnd(c);
    }
}

Timeline::Range Timeline::statesIn(TaskId task, TimeNs t0, TimeNs t1) const {
    if (task >= states_.size())
        return {};
    return rangeIn(states_[task], t0, t1);
}

Timeline::Range Timeline::segmentsIn(TaskId task, TimeNs t0, TimeNs t1) const {
    if (task >= segments_.size())
        return {};
    return rangeIn(segments_[task], t0, t1);
}

std::size_t Timeline::stateCount() const {
    std::size_t n = 0;
    for (const auto& c : states_)
        n += c.start.size();
    return n;
}

} // namespace aioscope
