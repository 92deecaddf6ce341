#include "analysis/PercentileTable.h"

#include "analysis/DesignAnalysis.h"
#include "analysis/CsvField.h"
#include "analysis/DurationFormat.h"

#include <sstream>

namespace aioscope::analysis {

const std::vector<std::string>& PercentileTable::columnNames() {
    static const std::vector<std::string> names = {"design", "requests", "p50", "p90", "p99", "p99.9", "max", "mean"};
    return names;
}

PercentileTable PercentileTable::fromAnalyses(const std::vector<DesignAnalysis>& analyses) {
    PercentileTable t;
    for (const auto& a : analyses) {
        Row r;
        r.label = a.label();
        r.count = a.latency.count;
        r.p50 = a.latency.at(50.0);
        r.p90 = a.latency.at(90.0);
        r.p99 = a.latency.at(99.0);
        r.p999 = a.latency.at(99.9);
        r.max = a.latency.maxNs;
        r.mean = a.latency.meanNs;
        t.rows.push_back(r);
    }
    return t;
}

std::string PercentileTable::cellText(std::size_t row, std::size_t column) const {
    const Row& r = rows.at(row);
    switch (column) {
    case 0: return r.label;
    case 1: return std::to_string(r.count);
    case 2: return formatDuration(r.p50);
    case 3: return formatDuration(r.p90);
    case 4: return formatDuration(r.p99);
    case 5: return formatDuration(r.p999);
    case 6: return formatDuration(r.max);
    case 7: return r.count ? formatDuration(static_cast<TimeNs>(r.mean)) : "-";
    default: return {};
    }
}

namespace {
std::string ns(TimeNs v) { return v == kNoTime ? std::string() : std::to_string(v); }
} // namespace

std::string PercentileTable::toCsv() const {
    std::ostringstream out;
    out << "design,requests,p50_ns,p90_ns,p99_ns,p99_9_ns,max_ns,mean_ns\n";
    for (const Row& r : rows)
        out << csvField(r.label) << ',' << r.count << ',' << ns(r.p50) << ',' << ns(r.p90) << ',' << ns(r.p99) << ','
            << ns(r.p999) << ',' << ns(r.max) << ',' << static_cast<std::int64_t>(r.mean) << '\n';
    return out.str();
}

} // namespace aioscope::analysis
