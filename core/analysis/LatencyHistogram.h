#pragma once
#include "model/Ids.h"

#include <array>
#include <cstdint>
#include <vector>

namespace aioscope::analysis {

// Log-bucket histogram of latencies in ns: 16 exact buckets for 0..15 ns,
// then 16 equal sub-buckets per power of two (each ~6% wide), so adding a
// sample is a few bit operations and a million samples fit in 1024 counters.
class LatencyHistogram {
public:
    static constexpr int kSubBits = 4;
    static constexpr int kSub = 1 << kSubBits;
    static constexpr int kBuckets = 64 * kSub;

    static int bucketOf(TimeNs v);
    static TimeNs bucketLower(int bucket);
    // Exclusive upper edge.
    static TimeNs bucketUpper(int bucket);

    void add(TimeNs v) { ++counts_[bucketOf(v)]; ++total_; }
    void merge(const LatencyHistogram& other);
    std::uint64_t total() const { return total_; }
    std::uint64_t count(int bucket) const { return counts_[bucket]; }
    int firstNonEmpty() const; // -1 when empty
    int lastNonEmpty() const;  // -1 when empty

    // Counts regrouped into log10-spaced bins (perDecade per factor 10), for
    // display: bin k covers [10^(k/perDecade), 10^((k+1)/perDecade)) ns; each
    // fine bucket goes whole to the bin holding its geometric middle, so the
    // counts always add up to total().
    struct DisplayBin {
        double lowerNs;
        double upperNs;
        std::uint64_t count;
    };
    std::vector<DisplayBin> displayBins(int perDecade) const;

    // Cumulative fraction at each non-empty bucket's upper edge (x in ns).
    struct CdfPoint {
        double ns;
        double fraction;
    };
    std::vector<CdfPoint> cdf() const;

private:
    std::array<std::uint64_t, kBuckets> counts_{};
    std::uint64_t total_ = 0;
};

} // namespace aioscope::analysis
