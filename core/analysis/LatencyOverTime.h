#pragma once
#include "model/Ids.h"

#include <cstdint>
#include <span>
#include <vector>

namespace aioscope::analysis {

// Latency of the requests completing in each equal time bin: median, p99 and
// max per bin, exact within the bin (a scatter of a million points would hide
// the trend and take seconds to draw).
struct LatencyOverTime {
    TimeNs originNs = 0;
    TimeNs binNs = 0;
    std::vector<std::uint64_t> counts;
    std::vector<TimeNs> p50Ns; // kNoTime for an empty bin
    std::vector<TimeNs> p99Ns;
    std::vector<TimeNs> maxNs;

    static LatencyOverTime compute(std::span<const TimeNs> completeNs, std::span<const TimeNs> latencyNs,
                                   TimeNs fromNs, TimeNs toNs, std::size_t bins);
    double binMiddleSeconds(std::size_t i) const;
};

} // namespace aioscope::analysis
