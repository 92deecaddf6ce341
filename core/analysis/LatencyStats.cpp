#include "analysis/LatencyStats.h"

#include <algorithm>
#include <cmath>

namespace aioscope::analysis {

std::uint64_t LatencyStats::nearestRank(double p, std::uint64_t n) {
    if (n == 0)
        return 0;
    // p/100*n computed in long double and nudged down so 99.9% of 1000 is
    // rank 999, not 1000 through rounding noise.
    const long double exact = static_cast<long double>(p) / 100.0L * static_cast<long double>(n);
    auto rank = static_cast<std::uint64_t>(std::ceil(exact - 1e-9L));
    return std::clamp<std::uint64_t>(rank, 1, n);
}

LatencyStats LatencyStats::compute(std::span<TimeNs> samples, std::span<const double> percentiles) {
    LatencyStats s;
    s.count = samples.size();
    s.percentiles.assign(percentiles.begin(), percentiles.end());
    std::sort(s.percentiles.begin(), s.percentiles.end());
    s.percentileNs.assign(s.percentiles.size(), kNoTime);
    if (samples.empty())
        return s;
    TimeNs lo = samples.front();
    TimeNs hi = samples.front();
    long double sum = 0;
    for (TimeNs v : samples) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
        sum += v;
        s.histogram.add(v);
    }
    s.minNs = lo;
    s.maxNs = hi;
    s.meanNs = static_cast<double>(sum / static_cast<long double>(samples.size()));
    // Ascending ranks: each nth_element only has to look right of the last.
    auto from = samples.begin();
    for (std::size_t i = 0; i < s.percentiles.size(); ++i) {
        const auto idx = static_cast<std::ptrdiff_t>(nearestRank(s.percentiles[i], s.count) - 1);
        auto nth = samples.begin() + idx;
        if (nth >= from) {
            std::nth_element(from, nth, samples.end());
            from = nth;
        }
        s.percentileNs[i] = *nth;
    }
    return s;
}

TimeNs LatencyStats::at(double p) const {
    for (std::size_t i = 0; i < percentiles.size(); ++i)
        if (std::abs(percentiles[i] - p) < 1e-9)
            return percentileNs[i];
    return kNoTime;
}

} // namespace aioscope::analysis
