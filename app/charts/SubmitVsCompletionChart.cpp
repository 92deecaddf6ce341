#include "charts/SubmitVsCompletionChart.h"

#include "charts/PhaseCdfPair.h"

namespace aioscope::charts {

QString SubmitVsCompletionChart::id() const { return "submit-vs-completion"; }
QString SubmitVsCompletionChart::title() const { return "Submit latency vs completion latency"; }
QString SubmitVsCompletionChart::caption() const {
    return "CDF of how long the submit call blocked the submitter (dashed) against submit-to-completion (solid)";
}

void SubmitVsCompletionChart::build(QCustomPlot& plot, const std::vector<analysis::DesignAnalysis>& designs) const {
    PhaseCdfPair{title(), "completion", [](const auto& d) -> const auto& { return d.latency; },
                 "submit", [](const auto& d) -> const auto& { return d.submitLatency; }}
        .build(plot, designs);
}

} // namespace aioscope::charts
