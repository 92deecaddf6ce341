#pragma once
#include "charts/TextTableModel.h"

namespace aioscope::analysis {
class Comparison;
}

namespace aioscope::charts {

// Fills TextTableModels from the analysis: the same tables the report shows.
class SummaryTables {
public:
    static void fillPercentiles(TextTableModel& model, const analysis::Comparison& comparison);
    static void fillSummary(TextTableModel& model, const analysis::Comparison& comparison);
    // Rows: metrics; columns: A, B, B - A, B / A; the better side in green.
    static void fillDifference(TextTableModel& model, const analysis::Comparison& comparison, std::size_t a,
                               std::size_t b);
};

} // namespace aioscope::charts
