#include "engine/LatencySummary.h"

#include <algorithm>
#include <cmath>

namespace aioscope::engine {

LatencySummary LatencySummary::fromNs(std::vector<TimeNs>& v) {
    LatencySummary s;
    s.count = v.size();
    if (v.empty())
        return s;
    std::sort(v.begin(), v.end());
    auto at = [&](double p) {
        auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size())));
        rank = std::clamp<std::size_t>(rank, 1, v.size());
        return static_cast<double>(v[rank - 1]) / 1000.0;
    };
    s.minUs = static_cast<double>(v.front()) / 1000.0;
    s.p50Us = at(50);
    s.p90Us = at(90);
    s.p99Us = at(99);
    s.p999Us = at(99.9);
    s.maxUs = static_cast<double>(v.back()) / 1000.0;
    return s;
}

} // namespace aioscope::engine
