#include "analysis/LatencyHistogram.h"

#include <bit>
#include <cmath>

namespace aioscope::analysis {

int LatencyHistogram::bucketOf(TimeNs v) {
    if (v < kSub)
        return v < 0 ? 0 : static_cast<int>(v); // clock skew: clamp to 0
    const auto u = static_cast<std::uint64_t>(v);
    const int msb = 63 - std::countl_zero(u);
    const int sub = static_cast<int>((u >> (msb - kSubBits)) & (kSub - 1));
    return (msb - kSubBits + 1) * kSub + sub;
}

TimeNs LatencyHistogram::bucketLower(int bucket) {
    if (bucket < kSub)
        return bucket;
    const int msb = bucket / kSub + kSubBits - 1;
    const int sub = bucket % kSub;
    return static_cast<TimeNs>(static_cast<std::uint64_t>(kSub + sub) << (msb - kSubBits));
}

TimeNs LatencyHistogram::bucketUpper(int bucket) {
    if (bucket < kSub)
        return bucket + 1;
    const int msb = bucket / kSub + kSubBits - 1;
    const int sub = bucket % kSub;
    const auto upper = static_cast<std::uint64_t>(kSub + sub + 1) << (msb - kSubBits);
    return upper > static_cast<std::uint64_t>(INT64_MAX) ? INT64_MAX : static_cast<TimeNs>(upper);
}

void LatencyHistogram::merge(const LatencyHistogram& other) {
    for (int i = 0; i < kBuckets; ++i)
        counts_[i] += other.counts_[i];
    total_ += other.total_;
}

int LatencyHistogram::firstNonEmpty() const {
    for (int i = 0; i < kBuckets; ++i)
        if (counts_[i])
            return i;
    return -1;
}

int LatencyHistogram::lastNonEmpty() const {
    for (int i = kBuckets - 1; i >= 0; --i)
        if (counts_[i])
            return i;
    return -1;
}

std::vector<LatencyHistogram::DisplayBin> LatencyHistogram::displayBins(int perDecade) const {
    std::vector<DisplayBin> bins;
    const int first = firstNonEmpty();
    if (first < 0 || perDecade <= 0)
        return bins;
    const int last = lastNonEmpty();
    auto binOf = [&](int bucket) {
        const double lo = std::max<double>(1.0, static_cast<double>(bucketLower(bucket)));
        const double hi = std::max<double>(1.0, static_cast<double>(bucketUpper(bucket)));
        return static_cast<int>(std::floor(0.5 * (std::log10(lo) + std::log10(hi)) * perDecade));
    };
    const int b0 = binOf(first);
    const int b1 = binOf(last);
    bins.resize(static_cast<std::size_t>(b1 - b0 + 1));
    for (int k = b0; k <= b1; ++k)
        bins[k - b0] = {std::pow(10.0, static_cast<double>(k) / perDecade),
                        std::pow(10.0, static_cast<double>(k + 1) / perDecade), 0};
    for (int i = first; i <= last; ++i)
        if (counts_[i])
            bins[binOf(i) - b0].count += counts_[i];
    return bins;
}

std::vector<LatencyHistogram::CdfPoint> LatencyHistogram::cdf() const {
    std::vector<CdfPoint> points;
    if (total_ == 0)
        return points;
    std::uint64_t running = 0;
    const int first = firstNonEmpty();
    points.push_back({static_cast<double>(std::max<TimeNs>(1, bucketLower(first))), 0.0});
    for (int i = first; i <= lastNonEmpty(); ++i) {
        if (!counts_[i])
            continue;
        running += counts_[i];
        points.push_back({static_cast<double>(bucketUpper(i)), static_cast<double>(running) / static_cast<double>(total_)});
    }
    return points;
}

} // namespace aioscope::analysis
