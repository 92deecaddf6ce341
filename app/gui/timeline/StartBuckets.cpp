#include "gui/timeline/StartBuckets.h"

#include <algorithm>
#include <limits>

namespace aioscope::gui {

void StartBuckets::build(std::span<const TimeNs> start, std::span<const TimeNs> end, std::size_t perBucket) {
    first_.clear();
    const std::size_t n = start.size();
    endsAfterStarts_ = end.size() == n;
    for (std::size_t i = 0; i < n && endsAfterStarts_; ++i)
        endsAfterStarts_ = end[i] >= start[i];
    if (n < 2 * perBucket || n >= std::numeric_limits<std::uint32_t>::max() || start.back() <= start.front())
        return; // small or degenerate lanes: a plain search is as fast
    const std::size_t buckets = n / std::max<std::size_t>(1, perBucket);
    from_ = start.front();
    const TimeNs span = start.back() - start.front() + 1;
    // A power of two wide, so finding a bucket is a shift, not a division.
    shift_ = 0;
    while ((TimeNs{1} << shift_) * static_cast<TimeNs>(buckets) < span)
        ++shift_;
    const TimeNs width = TimeNs{1} << shift_;
    const std::size_t count = static_cast<std::size_t>((span + width - 1) >> shift_);
    first_.resize(count + 1);
    std::size_t i = 0;
    for (std::size_t k = 0; k <= count; ++k) {
        const TimeNs t = from_ + (static_cast<TimeNs>(k) << shift_);
        while (i < n && start[i] < t)
            ++i;
        first_[k] = static_cast<std::uint32_t>(i);
    }
}

std::size_t StartBuckets::lowerBound(std::span<const TimeNs> start, TimeNs t) const {
    std::size_t lo = 0, hi = start.size();
    if (!first_.empty()) {
        const std::size_t last = first_.size() - 1;
        if (t <= from_) {
            hi = first_[0];
        } else if (((t - from_) >> shift_) >= static_cast<TimeNs>(last)) {
            lo = first_[last];
        } else {
            // from_ + k * width <= t < from_ + (k + 1) * width: the answer is in bucket k.
            const auto k = static_cast<std::size_t>((t - from_) >> shift_);
            lo = first_[k];
            hi = first_[k + 1];
        }
    }
    if (hi - lo <= 8) {
        while (lo < hi && start[lo] < t)
            ++lo;
        return lo;
    }
    return static_cast<std::size_t>(
        std::lower_bound(start.begin() + static_cast<long>(lo), start.begin() + static_cast<long>(hi), t) -
        start.begin());
}

std::size_t StartBuckets::near(std::span<const TimeNs> start, TimeNs t) const {
    if (first_.empty())
        return start.size();
    const std::size_t last = first_.size() - 1;
    if (t <= from_)
        return first_[0];
    const TimeNs k = (t - from_) >> shift_;
    return first_[k >= static_cast<TimeNs>(last) ? last : static_cast<std::size_t>(k)];
}

} // namespace aioscope::gui
