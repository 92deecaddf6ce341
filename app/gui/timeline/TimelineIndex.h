#pragma once
#include "gui/timeline/LaneLayout.h"
#include "gui/timeline/StartBuckets.h"
#include "model/HugePages.h"
#include "model/Ids.h"
#include "model/PagePrefault.h"
#include "model/SpillAllocator.h"

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
    SpillVector<TimeNs> start;
    SpillVector<TimeNs> end;
    SpillVector<TimeNs> maxEnd;
    SpillVector<RequestId> request;
    SpillVector<TimeNs> endSorted; // the ends in order: how many intervals overlap a column
    StartBuckets buckets; // over start, built by finish()
    void push(TimeNs s, TimeNs e, RequestId r) {
        start.push_back(s);
        end.push_back(e);
        request.push_back(r);
    }
    void reserve(std::size_t n) {
        start.reserve(n);
        end.reserve(n);
        request.reserve(n);
        HugePages::adviseCapacity(start);
        HugePages::adviseCapacity(end);
        HugePages::adviseCapacity(request);
        // n is exact (counted first), so every page will be written.
        PagePrefault::populateUpTo(start, n);
        PagePrefault::populateUpTo(end, n);
        PagePrefault::populateUpTo(request, n);
    }
    void finish(); // sorts by start, builds maxEnd, endSorted and the buckets
    std::size_t size() const { return start.size(); }
    // Intervals overlapping [c0, c1): those starting before c1 minus those ending by c0.
    std::size_t overlapping(TimeNs c0, TimeNs c1) const;
};

// What the timeline needs beyond the model's Timeline, built once per run on
// a worker thread: the lane order, each submitter's request spans (submit to
// completion), and the segments and spans of leaking requests per lane.
struct TimelineIndex {
    LaneLayout layout;
    std::vector<IntervalColumns> spans;        // per task: requests it submitted
    std::vector<IntervalColumns> leakSpans;    // per task: leaking requests it submitted
    std::vector<IntervalColumns> leakSegments; // per task: segments of leaking requests it ran
    // Per task, over the start times of its states and segments in the run's
    // Timeline (IntervalColumns carry their own): what makes a column's lookup O(1).
    std::vector<StartBuckets> stateBuckets;
    std::vector<StartBuckets> segmentBuckets;
    // Per task, parallel to its Timeline segments: 1 when the request's
    // submitter is another task (read with the segment, no request lookup).
    std::vector<std::vector<std::uint8_t>> segmentOther;
    TimeNs runStart = 0;
    TimeNs runEnd = 0;

    // showIdle: lanes for the tasks without I/O too (LaneLayout::build).
    static std::shared_ptr<const TimelineIndex> build(const Run& run, bool showIdle = false);
};

// From the last interval starting before c1, up to `scan` steps back: the
// index of the first one that ends after c0 and is accepted, or -1 once the
// running max of end says nothing earlier reaches the column. End is read
// before maxEnd: zoomed out the first candidate almost always overlaps, so
// most columns cost one load here instead of two (same answer either way).
template <typename Columns, typename Accept>
long scanOverlapBack(const Columns& c, std::size_t bound, TimeNs c0, Accept accept, int scan) {
    long i = static_cast<long>(bound) - 1;
    for (int k = 0; i >= 0 && k < scan; ++k, --i) {
        const auto u = static_cast<std::size_t>(i);
        if (c.end[u] > c0 && accept(u))
            return i;
        if (c.maxEnd[u] <= c0)
            return -1;
    }
    return -1;
}

// Index of the last interval starting before c1 that ends after c0 and is
// accepted, or -1: one binary search, then at most `scan` steps back (the
// running max of end says when nothing earlier can reach the column). Works on
// IntervalColumns and on the model's Timeline::StateColumns/SegmentColumns.
template <typename Columns, typename Accept>
long findOverlap(const Columns& c, TimeNs c0, TimeNs c1, Accept accept, int scan = 16) {
    auto it = std::lower_bound(c.start.begin(), c.start.end(), c1);
    return scanOverlapBack(c, static_cast<std::size_t>(it - c.start.begin()), c0, accept, scan);
}

// Loads the lines a lookup of `t` through `buckets` will read, for a column a
// few columns ahead: the lookups are independent, so these misses overlap.
// (The end only when findOverlapIn may need it.)
template <typename Columns>
void prefetchLookup(const Columns& c, const StartBuckets& buckets, TimeNs t) {
    const std::size_t i = buckets.near(c.start, t);
    if (i == 0 || i >= c.start.size())
        return;
    __builtin_prefetch(&c.start[i]);
    if (!buckets.endsAfterStarts())
        __builtin_prefetch(&c.end[i - 1]);
    if constexpr (requires { c.state; })
        __builtin_prefetch(&c.state[i - 1]);
    else
        __builtin_prefetch(&c.request[i - 1]);
}

// findOverlap with the binary search replaced by the lane's start buckets.
// An interval starting inside the column overlaps it when none ends before
// it starts: zoomed out that is nearly every column, decided without
// reading its end (one cache line less per lookup).
template <typename Columns, typename Accept>
long findOverlapIn(const Columns& c, const StartBuckets& buckets, TimeNs c0, TimeNs c1, Accept accept, int scan = 16) {
    const std::size_t bound = buckets.lowerBound(c.start, c1);
    if (bound > 0 && buckets.endsAfterStarts() && c.start[bound - 1] > c0 && accept(bound - 1))
        return static_cast<long>(bound - 1);
    return scanOverlapBack(c, bound, c0, accept, scan);
}

} // namespace aioscope::gui
