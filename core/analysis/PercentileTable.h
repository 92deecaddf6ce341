#pragma once
#include "model/Ids.h"

#include <string>
#include <vector>

namespace aioscope::analysis {

struct DesignAnalysis;

// The percentile table: one row per design (p50, p90, p99, p99.9, max).
struct PercentileTable {
    struct Row {
        std::string label;
        std::uint64_t count = 0;
        TimeNs p50 = kNoTime, p90 = kNoTime, p99 = kNoTime, p999 = kNoTime, max = kNoTime;
        double mean = 0.0;
    };
    static const std::vector<std::string>& columnNames(); // "design", "requests", "p50", ...
    std::vector<Row> rows;

    static PercentileTable fromAnalyses(const std::vector<DesignAnalysis>& analyses);
    // Cell text as shown in the GUI, the CSV and the report.
    std::string cellText(std::size_t row, std::size_t column) const;
    std::string toCsv() const; // raw ns values
};

} // namespace aioscope::analysis
