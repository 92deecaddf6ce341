#pragma once
#include "model/Ids.h"

#include <cstdint>
#include <span>
#include <vector>

namespace aioscope::gui {

// Where each of a lane's equal time buckets begins in its sorted start times,
// so "the first interval starting at or after t" is one table lookup and a
// search among the few intervals of one bucket, not a search of the whole lane.
// A zoomed-out paint asks this once per lane and pixel column: its cost no
// longer grows with the lane's size, and each column's lookup is independent
// of the previous one's, so their cache misses overlap instead of queueing.
// Built once per run with the timeline index (about 4 intervals a bucket, so
// about one byte per interval).
class StartBuckets {
public:
    void build(std::span<const TimeNs> start, std::span<const TimeNs> end, std::size_t perBucket = 4);
    // No interval ends before it starts: one starting inside a column overlaps it.
    bool endsAfterStarts() const { return endsAfterStarts_; }
    // The same as std::lower_bound(start.begin(), start.end(), t) - start.begin()
    // for the `start` it was built from.
    std::size_t lowerBound(std::span<const TimeNs> start, TimeNs t) const;
    // Where lowerBound(t) will look (within a bucket of it): what to prefetch
    // a few columns ahead.
    std::size_t near(std::span<const TimeNs> start, TimeNs t) const;

private:
    bool endsAfterStarts_ = false;
    TimeNs from_ = 0;
    int shift_ = 0;                    // buckets are 2^shift_ ns wide
    std::vector<std::uint32_t> first_; // first_[k]: first index starting at or after from_ + (k << shift_)
};

} // namespace aioscope::gui
