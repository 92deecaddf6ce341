#include "charts/QueueWaitVsExecutionChart.h"

#include "charts/PhaseCdfPair.h"

namespace aioscope::charts {

QString QueueWaitVsExecutionChart::id() const { return "queue-wait-vs-execution"; }
QString QueueWaitVsExecutionChart::title() const { return "Queue wait vs execution time"; }
QString QueueWaitVsExecutionChart::caption() const {
    return "CDF of the wait from queueing (or submit) to the first execution segment (dashed) against the time spent "
           "executing (solid, sum of segments)";
}

void QueueWaitVsExecutionChart::build(QCustomPlot& plot, const std::vector<analysis::DesignAnalysis>& designs) const {
    PhaseCdfPair{title(), "execution", [](const auto& d) -> const auto& { return d.execution; },
                 "queue wait", [](const auto& d) -> const auto& { return d.queueWait; }}
        .build(plot, designs);
}

} // namespace aioscope::charts
