#pragma once
#include "model/Ids.h"

#include <cstdint>
#include <span>
#include <vector>

namespace aioscope::analysis {

// Completions per equal time bin: IOPS and MB/s over time.
struct ThroughputSeries {
    TimeNs originNs = 0; // time 0 of the x axis (run start)
    TimeNs binNs = 0;
    std::vector<std::uint64_t> completions;
    std::vector<std::uint64_t> bytes;

    // Bins [fromNs, toNs) into `bins` equal bins; completions outside are dropped.
    static ThroughputSeries compute(std::span<const TimeNs> completeNs, std::span<const std::uint64_t> bytes,
                                    TimeNs fromNs, TimeNs toNs, std::size_t bins);
    double binStartSeconds(std::size_t i) const;
    double iops(std::size_t i) const;
    double megabytesPerSecond(std::size_t i) const; // 10^6 bytes
    std::uint64_t totalCompletions() const;
};

} // namespace aioscope::analysis
