#include "gui/timeline/TimelineBins.h"

#include "gui/timeline/TimelineIndex.h"
#include "model/Run.h"

#include <algorithm>
#include <cmath>

namespace aioscope::gui {

TimeNs TimelineBins::columnTime(int column) const {
    const long double span = static_cast<long double>(params_.t1 - params_.t0);
    return params_.t0 + static_cast<TimeNs>(std::floor(span * column / params_.width));
}

int TimelineBins::columnOf(TimeNs t) const {
    const long double span = static_cast<long double>(params_.t1 - params_.t0);
    return static_cast<int>(std::floor(static_cast<long double>(t - params_.t0) * params_.width / span));
}

void TimelineBins::compute(const Run& run, const TimelineIndex& index, const Params& params) {
    params_ = params;
    params_.width = std::max(1, params.width);
    if (params_.t1 <= params_.t0)
        params_.t1 = params_.t0 + 1;
    const int laneTotal = index.layout.count();
    if (params_.lastLane < 0 || params_.lastLane >= laneTotal)
        params_.lastLane = laneTotal - 1;
    params_.firstLane = std::clamp(params_.firstLane, 0, std::max(0, laneTotal - 1));
    lanes_ = std::max(0, params_.lastLane - params_.firstLane + 1);
    const auto width = static_cast<std::size_t>(params_.width);
    cells_.assign(static_cast<std::size_t>(lanes_) * width, Cell{});

    const RequestFilter* filter = params_.filter && !params_.filter->isEmpty() ? params_.filter : nullptr;
    const bool leaksOnly = filter && filter->leaksOnly;
    auto submitter = run.requests.submitter();
    auto accepts = [&](RequestId id) { return !filter || filter->accepts(run, id); };

    std::vector<TimeNs> edges(width + 1);
    for (std::size_t c = 0; c <= width; ++c)
        edges[c] = columnTime(static_cast<int>(c));

    for (int li = 0; li < lanes_; ++li) {
        const TaskId task = index.layout.lane(params_.firstLane + li).task;
        Cell* row = &cells_[static_cast<std::size_t>(li) * width];
        const auto& states = run.timeline.states(task);
        const auto& segments = run.timeline.segments(task);
        const auto& spans = index.spans[task];
        const auto& leakSpans = index.leakSpans[task];
        const auto& leakSegments = index.leakSegments[task];
        // Each column's search starts where the previous one ended.
        std::size_t hState = 0, hLeakSeg = 0, hSeg = 0, hLeakSpan = 0, hSpan = 0;
        auto first = [](const auto& cols, TimeNs t) {
            return static_cast<std::size_t>(std::lower_bound(cols.start.begin(), cols.start.end(), t) - cols.start.begin());
        };
        hState = first(states, edges[0]);
        hLeakSeg = first(leakSegments, edges[0]);
        hSeg = first(segments, edges[0]);
        hLeakSpan = first(leakSpans, edges[0]);
        hSpan = first(spans, edges[0]);
        for (std::size_t c = 0; c < width; ++c) {
            const TimeNs c0 = edges[c];
            TimeNs c1 = std::max(edges[c + 1], c0 + 1);
            Cell& cell = row[c];
            // Lane states are what the scheduler did: not cut by playback's filter,
            // but nothing after the playback time is shown.
            if (params_.playback != kNoTime) {
                if (c0 > params_.playback)
                    continue;
                c1 = std::min(c1, params_.playback + 1);
            }
            const long s = findOverlapFrom(states, c0, c1, [](std::size_t) { return true; }, hState, 4);
            if (s >= 0)
                cell.state = states.state[static_cast<std::size_t>(s)];

            const long ls = findOverlapFrom(leakSegments, c0, c1, [&](std::size_t i) { return accepts(leakSegments.request[i]); }, hLeakSeg);
            if (ls >= 0) {
                cell.flags |= kSegmentLeak | kSegmentOther;
                cell.segment = leakSegments.request[static_cast<std::size_t>(ls)];
            } else if (!leaksOnly && !segments.start.empty()) {
                const long g = findOverlapFrom(segments, c0, c1, [&](std::size_t i) { return accepts(segments.request[i]); }, hSeg);
                if (g >= 0) {
                    cell.segment = segments.request[static_cast<std::size_t>(g)];
                    if (cell.segment < submitter.size() && submitter[cell.segment] != task)
                        cell.flags |= kSegmentOther;
                }
            }
            const long lp = findOverlapFrom(leakSpans, c0, c1, [&](std::size_t i) { return accepts(leakSpans.request[i]); }, hLeakSpan);
            if (lp >= 0) {
                cell.flags |= kSpanLeak;
                cell.span = leakSpans.request[static_cast<std::size_t>(lp)];
            } else if (!leaksOnly && !spans.start.empty()) {
                const long p = findOverlapFrom(spans, c0, c1, [&](std::size_t i) { return accepts(spans.request[i]); }, hSpan);
                if (p >= 0)
                    cell.span = spans.request[static_cast<std::size_t>(p)];
            }
        }
    }
}

} // namespace aioscope::gui
