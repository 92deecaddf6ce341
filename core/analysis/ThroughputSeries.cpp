#include "analysis/ThroughputSeries.h"

#include <numeric>

namespace aioscope::analysis {

ThroughputSeries ThroughputSeries::compute(std::span<const TimeNs> completeNs, std::span<const std::uint64_t> bytes,
                                           TimeNs fromNs, TimeNs toNs, std::size_t bins) {
    ThroughputSeries s;
    s.originNs = fromNs;
    if (bins == 0 || toNs <= fromNs)
        return s;
    s.binNs = std::max<TimeNs>(1, (toNs - fromNs + static_cast<TimeNs>(bins) - 1) / static_cast<TimeNs>(bins));
    s.completions.assign(bins, 0);
    s.bytes.assign(bins, 0);
    const double perBin = 1.0 / static_cast<double>(s.binNs);
    for (std::size_t i = 0; i < completeNs.size(); ++i) {
        const TimeNs t = completeNs[i];
        if (t < fromNs || t >= toNs)
            continue;
        // Multiplying by the reciprocal: a 64-bit division per request costs more than the rest.
        auto b = static_cast<std::size_t>(static_cast<double>(t - fromNs) * perBin);
        if (b > 0 && static_cast<TimeNs>(b) * s.binNs > t - fromNs)
            --b; // rounding put it one bin too far
        else if (static_cast<TimeNs>(b + 1) * s.binNs <= t - fromNs)
            ++b; // or one too early
        if (b >= bins)
            continue;
        ++s.completions[b];
        if (i < bytes.size())
            s.bytes[b] += bytes[i];
    }
    return s;
}

double ThroughputSeries::binStartSeconds(std::size_t i) const {
    return static_cast<double>(static_cast<TimeNs>(i) * binNs) / 1e9;
}

double ThroughputSeries::iops(std::size_t i) const {
    return binNs > 0 ? static_cast<double>(completions[i]) * 1e9 / static_cast<double>(binNs) : 0.0;
}

double ThroughputSeries::megabytesPerSecond(std::size_t i) const {
    return binNs > 0 ? static_cast<double>(bytes[i]) * 1e9 / static_cast<double>(binNs) / 1e6 : 0.0;
}

std::uint64_t ThroughputSeries::totalCompletions() const {
    return std::accumulate(completions.begin(), completions.end(), std::uint64_t{0});
}

} // namespace aioscope::analysis
