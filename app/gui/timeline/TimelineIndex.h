#pragma once
#include "gui/timeline/LaneLayout.h"
#include "model/Ids.h"

#include <algorithm>
#include <memory>
#include <vector>

namespace aioscope {
class Run;
}

namespace aioscope::gui {

// Interval columns sorted by start with a running max of end, so "is there an
// interval overlapping [c0, c1)" is one binary search (like Timeline's).
struct IntervalColumns {
    std::vector<TimeNs> start;
    std::vector<TimeNs> end;
    std::vector<TimeNs> maxEnd;
    std::vector<RequestId> request;
    void push(TimeNs s, TimeNs e, RequestId r) {
        start.push_back(s);
        end.push_back(e);
        request.push_back(r);
    }
    void finish(); // sorts by start, builds maxEnd
    std::size_t size() const { return start.size(); }
};

// What the timeline needs beyond the model's Timeline, built once per run on
// a worker thread: the lane order, each submitter's request spans (submit to
// completion), and the segments and spans of leaking requests per lane.
struct TimelineIndex {
    LaneLayout layout;
    std::vector<IntervalColumns> spans;        // per task: requests it submitted
    std::vector<IntervalColumns> leakSpans;    // per task: leaking requests it submitted
    std::vector<IntervalColumns> leakSegments; // per task: segments of leaking requests it ran
    TimeNs runStart = 0;
    TimeNs runEnd = 0;

    static std::shared_ptr<const TimelineIndex> build(const Run& run);
};

// Index of the last interval starting before c1 that ends after c0 and is
// accepted, or -1: one binary search, then at most `scan` steps back (the
// running max of end says when nothing earlier can reach the column). Works on
// IntervalColumns and on the model's Timeline::StateColumns/SegmentColumns.
template <typename Columns, typename Accept>
long findOverlap(const Columns& c, TimeNs c0, TimeNs c1, Accept accept, int scan = 16) {
    auto it = std::lower_bound(c.start.begin(), c.start.end(), c1);
    long i = static_cast<long>(it - c.start.begin()) - 1;
    for (int k = 0; i >= 0 && k < scan; ++k, --i) {
        const auto u = static_cast<std::size_t>(i);
        if (c.maxEnd[u] <= c0)
            return -1;
        if (c.end[u] > c0 && accept(u))
            return i;
    }
    return -1;
}

// The same, for columns visited left to right: `hint` carries the previous
// column's lower bound, and the next one is found by galloping forward from
// it (a few cache-local steps when zoomed out, still O(log N) worst case).
template <typename Columns, typename Accept>
long findOverlapFrom(const Columns& c, TimeNs c0, TimeNs c1, Accept accept, std::size_t& hint, int scan = 16) {
    const std::size_t n = c.start.size();
    std::size_t lo = std::min(hint, n), hi = lo;
    if (lo < n && c.start[lo] < c1) {
        std::size_t step = 1;
        hi = lo + 1;
        while (hi < n && c.start[hi] < c1) {
            lo = hi;
            step *= 2;
            hi = std::min(n, lo + step);
        }
        hi = static_cast<std::size_t>(std::lower_bound(c.start.begin() + static_cast<long>(lo), c.start.begin() + static_cast<long>(hi), c1) - c.start.begin());
    }
    hint = hi;
    long i = static_cast<long>(hi) - 1;
    for (int k = 0; i >= 0 && k < scan; ++k, --i) {
        const auto u = static_cast<std::size_t>(i);
        if (c.maxEnd[u] <= c0)
            return -1;
        if (c.end[u] > c0 && accept(u))
            return i;
    }
    return -1;
}

} // namespace aioscope::gui
