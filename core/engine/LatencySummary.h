#pragma once
#include "model/Ids.h"

#include <vector>

namespace aioscope::engine {

// min/p50/p90/p99/p99.9/max of a set of durations, in microseconds.
struct LatencySummary {
    double minUs = 0, p50Us = 0, p90Us = 0, p99Us = 0, p999Us = 0, maxUs = 0;
    std::size_t count = 0;
    // Sorts `samplesNs` in place; nearest-rank percentiles.
    static LatencySummary fromNs(std::vector<TimeNs>& samplesNs);
};

} // namespace aioscope::engine
