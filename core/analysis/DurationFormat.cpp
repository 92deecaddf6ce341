#include "analysis/DurationFormat.h"

#include <cmath>
#include <cstdio>

namespace aioscope::analysis {

namespace {
std::string withUnit(double v, const char* unit) {
    char buf[48];
    const char* fmt = v >= 100 ? "%.0f %s" : v >= 10 ? "%.1f %s" : "%.2f %s";
    std::snprintf(buf, sizeof buf, fmt, v, unit);
    return buf;
}
} // namespace

std::string formatDuration(TimeNs ns) {
    if (ns == kNoTime)
        return "-";
    const double v = static_cast<double>(ns);
    const double a = std::fabs(v);
    if (a < 1e3)
        return std::to_string(ns) + " ns";
    if (a < 1e6)
        return withUnit(v / 1e3, "\xC2\xB5s");
    if (a < 1e9)
        return withUnit(v / 1e6, "ms");
    return withUnit(v / 1e9, "s");
}

std::string formatCount(double value) {
    char buf[48];
    const double a = std::fabs(value);
    if (a >= 1e6)
        std::snprintf(buf, sizeof buf, "%.2f M", value / 1e6);
    else if (a >= 1e4)
        std::snprintf(buf, sizeof buf, "%.1f k", value / 1e3);
    else if (a == std::floor(a))
        std::snprintf(buf, sizeof buf, "%.0f", value);
    else
        std::snprintf(buf, sizeof buf, "%.1f", value);
    return buf;
}

} // namespace aioscope::analysis
