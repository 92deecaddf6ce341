#pragma once
#include "analysis/DesignAnalysis.h"

#include <string>
#include <vector>

namespace aioscope::analysis {

// The comparison summary: one row per selected design (IOPS, MB/s,
// percentiles, leaks per attribute), and the difference between two rows.
class Comparison {
public:
    struct Metric {
        std::string name;
        bool lowerIsBetter = true;
        bool isDuration = false;
    };
    struct Difference {
        std::string metric;
        double a = 0, b = 0;
        double delta = 0; // b - a
        double ratio = 0; // b / a (0 when a is 0)
        bool isDuration = false;
        bool lowerIsBetter = true;
        bool bBetter() const { return lowerIsBetter ? b < a : b > a; }
    };

    explicit Comparison(std::vector<DesignAnalysis> analyses);

    const std::vector<DesignAnalysis>& analyses() const { return analyses_; }
    // Summary columns: fixed metrics then one column per attribute that leaks in any row.
    const std::vector<Metric>& metrics() const { return metrics_; }
    const std::vector<ContextAttribute>& leakAttributes() const { return leakAttributes_; }
    double value(std::size_t row, std::size_t metric) const;
    std::string cellText(std::size_t row, std::size_t metric) const;
    std::vector<Difference> difference(std::size_t rowA, std::size_t rowB) const;
    std::string toCsv() const;

private:
    std::vector<DesignAnalysis> analyses_;
    std::vector<Metric> metrics_;
    std::vector<ContextAttribute> leakAttributes_;
};

} // namespace aioscope::analysis
