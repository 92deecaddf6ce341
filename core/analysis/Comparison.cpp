#include "analysis/Comparison.h"

#include "analysis/CsvField.h"
#include "analysis/DurationFormat.h"

#include <cstdio>
#include <sstream>

namespace aioscope::analysis {

namespace {
// Fixed metric indices; leak columns follow.
enum : std::size_t { kRequests, kErrors, kIops, kMBps, kP50, kP90, kP99, kP999, kMax, kHandOffs, kLeakRequests, kFixed };
} // namespace

Comparison::Comparison(std::vector<DesignAnalysis> analyses) : analyses_(std::move(analyses)) {
    metrics_ = {{"requests", false, false}, {"errors", true, false},   {"IOPS", false, false},
                {"MB/s", false, false},     {"p50", true, true},       {"p90", true, true},
                {"p99", true, true},        {"p99.9", true, true},     {"max", true, true},
                {"hand-offs", true, false}, {"leaking requests", true, false}};
    for (ContextAttribute attr : verdictAttributes())
        for (const auto& d : analyses_)
            if (d.leaksByAttribute[static_cast<std::size_t>(attr)]) {
                leakAttributes_.push_back(attr);
                metrics_.push_back({"leaks: " + std::string(contextAttributeName(attr)), true, false});
                break;
            }
}

double Comparison::value(std::size_t row, std::size_t metric) const {
    const DesignAnalysis& d = analyses_.at(row);
    auto t = [](TimeNs v) { return v == kNoTime ? 0.0 : static_cast<double>(v); };
    switch (metric) {
    case kRequests: return static_cast<double>(d.samples.requests);
    case kErrors: return static_cast<double>(d.samples.errors);
    case kIops: return d.iops();
    case kMBps: return d.megabytesPerSecond();
    case kP50: return t(d.latency.at(50.0));
    case kP90: return t(d.latency.at(90.0));
    case kP99: return t(d.latency.at(99.0));
    case kP999: return t(d.latency.at(99.9));
    case kMax: return t(d.latency.maxNs);
    case kHandOffs: return static_cast<double>(d.samples.handOffs);
    case kLeakRequests: return static_cast<double>(d.samples.leakRequests);
    default: break;
    }
    const std::size_t leak = metric - kFixed;
    if (leak < leakAttributes_.size())
        return static_cast<double>(d.leaksByAttribute[static_cast<std::size_t>(leakAttributes_[leak])]);
    return 0.0;
}

std::string Comparison::cellText(std::size_t row, std::size_t metric) const {
    const double v = value(row, metric);
    if (metrics_.at(metric).isDuration)
        return analyses_.at(row).latency.count ? formatDuration(static_cast<TimeNs>(v)) : "-";
    if (metric == kMBps) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.1f", v);
        return buf;
    }
    return formatCount(v);
}

std::vector<Comparison::Difference> Comparison::difference(std::size_t rowA, std::size_t rowB) const {
    std::vector<Difference> out;
    for (std::size_t m = 0; m < metrics_.size(); ++m) {
        Difference d;
        d.metric = metrics_[m].name;
        d.a = value(rowA, m);
        d.b = value(rowB, m);
        d.delta = d.b - d.a;
        d.ratio = d.a != 0 ? d.b / d.a : 0.0;
        d.isDuration = metrics_[m].isDuration;
        d.lowerIsBetter = metrics_[m].lowerIsBetter;
        out.push_back(d);
    }
    return out;
}

std::string Comparison::toCsv() const {
    std::ostringstream out;
    out << "run,design";
    for (const auto& m : metrics_)
        out << ',' << m.name << (m.isDuration ? "_ns" : "");
    out << '\n';
    for (std::size_t r = 0; r < analyses_.size(); ++r) {
        out << analyses_[r].key.run << ',' << csvField(analyses_[r].key.design);
        for (std::size_t m = 0; m < metrics_.size(); ++m) {
            char buf[40];
            std::snprintf(buf, sizeof buf, (m == kIops || m == kMBps) ? "%.3f" : "%.0f", value(r, m));
            out << ',' << buf;
        }
        out << '\n';
    }
    return out.str();
}

} // namespace aioscope::analysis
