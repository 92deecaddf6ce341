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

bool TimelineBins::update(const Run& run, const TimelineIndex& index, const Params& params) {
    static const RequestFilter none;
    const RequestFilter& filter = params.filter ? *params.filter : none;
    if (run_ == &run && index_ == &index && requested_.t0 == params.t0 && requested_.t1 == params.t1 &&
        requested_.width == params.width && requested_.firstLane == params.firstLane &&
        requested_.lastLane == params.lastLane && requested_.playback == params.playback && filter_ == filter) {
        params_.filter = params.filter; // the caller's filter outlives these bins, the old pointer may not
        return false;
    }
    compute(run, index, params);
    return true;
}

void TimelineBins::compute(const Run& run, const TimelineIndex& index, const Params& params) {
    run_ = &run;
    index_ = &index;
    requested_ = params;
    filter_ = params.filter ? *params.filter : RequestFilter{};
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

    // Columns ahead whose lookups are prefetched (see prefetchLookup).
    constexpr std::size_t kAhead = 6;
    std::vector<TimeNs> edges(width + 1);
    for (std::size_t c = 0; c <= width; ++c)
        edges[c] = columnTime(static_cast<int>(c));

    for (int li = 0; li < lanes_; ++li) {
        const TaskId task = index.layout.lane(params_.firstLane + li).task;
        Cell* row = &cells_[static_cast<std::size_t>(li) * width];
        if (task >= run.tasks.size() || task >= index.spans.size())
            continue; // the header of the folded group: no cells
        const auto& states = run.timeline.states(task);
        const auto& segments = run.timeline.segments(task);
        const auto& spans = index.spans[task];
        const auto& leakSpans = index.leakSpans[task];
        const auto& leakSegments = index.leakSegments[task];
        static const StartBuckets none;
        const StartBuckets& stateBuckets = task < index.stateBuckets.size() ? index.stateBuckets[task] : none;
        const StartBuckets& segmentBuckets = task < index.segmentBuckets.size() ? index.segmentBuckets[task] : none;
        static const std::vector<std::uint8_t> noOther;
        const auto& segmentOther = task < index.segmentOther.size() ? index.segmentOther[task] : noOther;
        for (std::size_t c = 0; c < width; ++c) {
            const TimeNs c0 = edges[c];
            TimeNs c1 = std::max(edges[c + 1], c0 + 1);
            Cell& cell = row[c];
            // Lane states are what the scheduler did: not cut by playback's filter,
            // but nothing after the playback time is shown.
            if (params_.playback != kNoTime) {
                if (c0 > params_.playback)
                    break; // and so are all later columns
                c1 = std::min(c1, params_.playback + 1);
            }
            if (c + kAhead < width) {
                const TimeNs ahead = edges[c + kAhead + 1];
                prefetchLookup(states, stateBuckets, ahead);
                prefetchLookup(segments, segmentBuckets, ahead);
                prefetchLookup(spans, spans.buckets, ahead);
            }
            const long s = findOverlapIn(states, stateBuckets, c0, c1, [](std::size_t) { return true; }, 4);
            if (s >= 0)
                cell.state = states.state[static_cast<std::size_t>(s)];

            const long ls = findOverlapIn(leakSegments, leakSegments.buckets, c0, c1, [&](std::size_t i) { return accepts(leakSegments.request[i]); });
            if (ls >= 0) {
                cell.flags |= kSegmentLeak | kSegmentOther;
                cell.segment = leakSegments.request[static_cast<std::size_t>(ls)];
            } else if (!leaksOnly && !segments.start.empty()) {
                const long g = findOverlapIn(segments, segmentBuckets, c0, c1, [&](std::size_t i) { return accepts(segments.request[i]); });
                if (g >= 0) {
                    const auto u = static_cast<std::size_t>(g);
                    cell.segment = segments.request[u];
                    if (u < segmentOther.size() ? segmentOther[u] != 0
                                                : cell.segment < submitter.size() && submitter[cell.segment] != task)
                        cell.flags |= kSegmentOther;
                }
            }
            const long lp = findOverlapIn(leakSpans, leakSpans.buckets, c0, c1, [&](std::size_t i) { return accepts(leakSpans.request[i]); });
            if (lp >= 0) {
                cell.flags |= kSpanLeak;
                cell.span = leakSpans.request[static_cast<std::size_t>(lp)];
            } else if (!leaksOnly && !spans.start.empty()) {
                const long p = findOverlapIn(spans, spans.buckets, c0, c1, [&](std::size_t i) { return accepts(spans.request[i]); });
                if (p >= 0)
                    cell.span = spans.request[static_cast<std::size_t>(p)];
            }
            // The queue depth drawn as the span bar's height: overlapping
            // requests do not merge into one flat bar (unfiltered count).
            if (cell.span != kNoRequest)
                cell.depth = static_cast<std::uint16_t>(std::min<std::size_t>(spans.overlapping(c0, c1), 0xffff));
        }
    }
}

} // namespace aioscope::gui
