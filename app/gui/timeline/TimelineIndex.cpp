#include "gui/timeline/TimelineIndex.h"

#include "model/Run.h"

#include <algorithm>
#include <numeric>

namespace aioscope::gui {

void IntervalColumns::finish() {
    if (!std::is_sorted(start.begin(), start.end())) {
        std::vector<std::size_t> order(start.size());
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return start[a] < start[b]; });
        IntervalColumns sorted;
        sorted.reserve(start.size());
        for (auto i : order)
            sorted.push(start[i], end[i], request[i]);
        *this = std::move(sorted);
    }
    maxEnd.reserve(end.size());
    PagePrefault::populateUpTo(maxEnd, end.size());
    maxEnd.resize(end.size());
    TimeNs m = kNoTime;
    for (std::size_t i = 0; i < end.size(); ++i)
        maxEnd[i] = m = std::max(m, end[i]);
    buckets.build(start, end);
    endSorted.reserve(end.size());
    PagePrefault::populateUpTo(endSorted, end.size());
    endSorted.assign(end.begin(), end.end());
    std::sort(endSorted.begin(), endSorted.end());
}

std::size_t IntervalColumns::overlapping(TimeNs c0, TimeNs c1) const {
    const auto started = static_cast<std::size_t>(std::lower_bound(start.begin(), start.end(), c1) - start.begin());
    const auto ended =
        static_cast<std::size_t>(std::upper_bound(endSorted.begin(), endSorted.end(), c0) - endSorted.begin());
    return started > ended ? started - ended : 0;
}

std::shared_ptr<const TimelineIndex> TimelineIndex::build(const Run& run, bool showIdle) {
    auto index = std::make_shared<TimelineIndex>();
    index->layout = LaneLayout::build(run, showIdle);
    index->runStart = run.startNs();
    index->runEnd = run.endNs();
    if (index->runStart == kNoTime)
        index->runStart = 0;
    if (index->runEnd == kNoTime || index->runEnd < index->runStart)
        index->runEnd = index->runStart;
    const std::size_t n = run.tasks.size();
    index->spans.resize(n);
    index->leakSpans.resize(n);
    index->leakSegments.resize(n);
    auto submitter = run.requests.submitter();
    auto submit = run.requests.submitNs();
    auto complete = run.requests.completeNs();
    auto flags = run.requests.flags();
    {
        // Each lane's spans sized first: a million requests pushed into
        // growing columns would copy them and touch their pages twice over.
        std::vector<std::size_t> spans(n), leaks(n);
        for (RequestId id = 0; id < run.requests.size(); ++id)
            if (submitter[id] < n && submit[id] != kNoTime) {
                ++spans[submitter[id]];
                leaks[submitter[id]] += (flags[id] & kRequestLeak) != 0;
            }
        for (std::size_t t = 0; t < n; ++t) {
            index->spans[t].reserve(spans[t]);
            index->leakSpans[t].reserve(leaks[t]);
        }
    }
    for (RequestId id = 0; id < run.requests.size(); ++id) {
        const TaskId s = submitter[id];
        if (s >= n || submit[id] == kNoTime)
            continue;
        // An incomplete request stays open to the end of the run.
        const TimeNs end = complete[id] == kNoTime ? std::max(index->runEnd, submit[id]) : complete[id];
        index->spans[s].push(submit[id], std::max(end, submit[id] + 1), id);
        if (flags[id] & kRequestLeak)
            index->leakSpans[s].push(submit[id], std::max(end, submit[id] + 1), id);
    }
    for (const auto& seg : run.segments)
        if (seg.task < n && seg.request < flags.size() && (flags[seg.request] & kRequestLeak))
            index->leakSegments[seg.task].push(seg.startNs, std::max(seg.endNs, seg.startNs + 1), seg.request);
    for (auto& c : index->spans) c.finish();
    for (auto& c : index->leakSpans) c.finish();
    for (auto& c : index->leakSegments) c.finish();
    index->stateBuckets.resize(n);
    index->segmentBuckets.resize(n);
    index->segmentOther.resize(n);
    for (TaskId t = 0; t < n; ++t) {
        if (t < run.timeline.laneCount()) {
            index->stateBuckets[t].build(run.timeline.states(t).start, run.timeline.states(t).end);
            const auto& seg = run.timeline.segments(t);
            index->segmentBuckets[t].build(seg.start, seg.end);
            auto& other = index->segmentOther[t];
            other.resize(seg.request.size());
            for (std::size_t i = 0; i < seg.request.size(); ++i)
                other[i] = seg.request[i] < submitter.size() && submitter[seg.request[i]] != t;
        }
    }
    return index;
}

} // namespace aioscope::gui
