#pragma once
#include "analysis/LatencyHistogram.h"
#include "model/Ids.h"

#include <cstdint>
#include <span>
#include <vector>

namespace aioscope::analysis {

// The percentiles every table and report shows.
inline constexpr double kStandardPercentiles[] = {50.0, 90.0, 99.0, 99.9};

// Summary of one set of latencies: exact nearest-rank percentiles (the value
// at rank ceil(p/100 * n) of the sorted samples), min/max/mean, and the log
// histogram behind the charts.
struct LatencyStats {
    std::uint64_t count = 0;
    TimeNs minNs = kNoTime;
    TimeNs maxNs = kNoTime;
    double meanNs = 0.0;
    std::vector<double> percentiles;   // requested p, ascending
    std::vector<TimeNs> percentileNs;  // value for each p
    LatencyHistogram histogram;

    // Reorders `samples` in place (nth_element, no full sort). Percentiles
    // must be in (0, 100].
    static LatencyStats compute(std::span<TimeNs> samples,
                                std::span<const double> percentiles = kStandardPercentiles);
    // 1-based nearest rank of percentile p among n samples.
    static std::uint64_t nearestRank(double p, std::uint64_t n);

    // kNoTime when p was not computed or there are no samples.
    TimeNs at(double p) const;

    // Count, min, max, mean and histogram, one sample at a time (no
    // percentiles): for phases only drawn as curves.
    void add(TimeNs v) {
        if (count == 0 || v < minNs)
            minNs = v;
        if (count == 0 || v > maxNs)
            maxNs = v;
        sumNs_ += static_cast<double>(v);
        ++count;
        histogram.add(v);
    }
    // Sets meanNs after the last add().
    void finishAdding() { meanNs = count ? sumNs_ / static_cast<double>(count) : 0.0; }

private:
    double sumNs_ = 0;
};

} // namespace aioscope::analysis
