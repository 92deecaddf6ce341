#include "analysis/LatencyOverTime.h"

#include "analysis/LatencyStats.h"

#include <algorithm>

namespace aioscope::analysis {

LatencyOverTime LatencyOverTime::compute(std::span<const TimeNs> completeNs, std::span<const TimeNs> latencyNs,
                                         TimeNs fromNs, TimeNs toNs, std::size_t bins) {
    LatencyOverTime s;
    s.originNs = fromNs;
    if (bins == 0 || toNs <= fromNs)
        return s;
    bins = std::min<std::size_t>(bins, 0xfffe); // bin numbers are kept in 16 bits
    s.binNs = std::max<TimeNs>(1, (toNs - fromNs + static_cast<TimeNs>(bins) - 1) / static_cast<TimeNs>(bins));
    s.counts.assign(bins, 0);
    s.p50Ns.assign(bins, kNoTime);
    s.p99Ns.assign(bins, kNoTime);
    s.maxNs.assign(bins, kNoTime);
    const std::size_t n = std::min(completeNs.size(), latencyNs.size());
    const double perBin = 1.0 / static_cast<double>(s.binNs);
    auto binOf = [&](TimeNs t) -> std::size_t {
        if (t < fromNs || t >= toNs)
            return bins;
        // The reciprocal instead of a 64-bit division per request.
        auto b = static_cast<std::size_t>(static_cast<double>(t - fromNs) * perBin);
        if (b > 0 && static_cast<TimeNs>(b) * s.binNs > t - fromNs)
            --b;
        else if (static_cast<TimeNs>(b + 1) * s.binNs <= t - fromNs)
            ++b;
        return std::min(bins, b);
    };
    // Counting sort of the latencies by bin, then exact ranks inside each bin.
    std::vector<std::uint16_t> binOfSample(n);
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t b = binOf(completeNs[i]);
        binOfSample[i] = static_cast<std::uint16_t>(std::min<std::size_t>(b, 0xffff));
        if (b < bins)
            ++s.counts[b];
    }
    std::vector<std::size_t> start(bins + 1, 0);
    for (std::size_t b = 0; b < bins; ++b)
        start[b + 1] = start[b] + s.counts[b];
    std::vector<TimeNs> grouped(start[bins]);
    std::vector<std::size_t> fill(start.begin(), start.end() - 1);
    for (std::size_t i = 0; i < n; ++i)
        if (const std::size_t b = binOfSample[i]; b < bins)
            grouped[fill[b]++] = latencyNs[i];
    for (std::size_t b = 0; b < bins; ++b) {
        if (!s.counts[b])
            continue;
        auto first = grouped.begin() + static_cast<std::ptrdiff_t>(start[b]);
        auto last = grouped.begin() + static_cast<std::ptrdiff_t>(start[b + 1]);
        auto p50 = first + static_cast<std::ptrdiff_t>(LatencyStats::nearestRank(50.0, s.counts[b]) - 1);
        std::nth_element(first, p50, last);
        s.p50Ns[b] = *p50;
        auto p99 = first + static_cast<std::ptrdiff_t>(LatencyStats::nearestRank(99.0, s.counts[b]) - 1);
        std::nth_element(p50, p99, last);
        s.p99Ns[b] = *p99;
        s.maxNs[b] = *std::max_element(p99, last);
    }
    return s;
}

double LatencyOverTime::binMiddleSeconds(std::size_t i) const {
    return (static_cast<double>(static_cast<TimeNs>(i) * binNs) + static_cast<double>(binNs) / 2.0) / 1e9;
}

} // namespace aioscope::analysis
