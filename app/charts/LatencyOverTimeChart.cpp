#include "charts/LatencyOverTimeChart.h"

#include "charts/ChartAnnotations.h"
#include "charts/ChartStyle.h"

#include <qcustomplot.h>

#include <limits>

namespace aioscope::charts {

QString LatencyOverTimeChart::id() const { return "latency-over-time"; }
QString LatencyOverTimeChart::title() const { return "Latency over time"; }
QString LatencyOverTimeChart::caption() const {
    return "Median (solid) and p99 (thin) latency of the requests completing in each time bin, from each design's "
           "first submit";
}

void LatencyOverTimeChart::build(QCustomPlot& plot, const std::vector<analysis::DesignAnalysis>& designs) const {
    ChartStyle::reset(plot, title() + " (thick: median, thin: p99)");
    ChartStyle::durationLogAxis(plot.yAxis, "latency");
    plot.xAxis->setLabel("time since first submit (s)");
    double lo = std::numeric_limits<double>::max(), hi = 0, end = 0;
    for (std::size_t i = 0; i < designs.size(); ++i) {
        const auto& s = designs[i].latencyOverTime;
        if (designs[i].latency.count == 0)
            continue;
        QVector<double> x, p50, p99;
        for (std::size_t b = 0; b < s.counts.size(); ++b) {
            x.push_back(s.binMiddleSeconds(b));
            const bool empty = s.counts[b] == 0;
            // NaN breaks the line over bins where nothing completed.
            p50.push_back(empty ? qQNaN() : double(s.p50Ns[b]));
            p99.push_back(empty ? qQNaN() : double(s.p99Ns[b]));
            if (!empty) {
                lo = std::min(lo, double(std::max<TimeNs>(1, s.p50Ns[b])));
                hi = std::max(hi, double(s.p99Ns[b]));
                end = std::max(end, x.back());
            }
        }
        QPen pen = ChartStyle::designPen(designs, i);
        // Which design a clicked point belongs to (index into `designs`).
        QCPGraph* median = plot.addGraph();
        median->setProperty(kDesignIndexProperty, int(i));
        median->setName(QString::fromStdString(designs[i].label()) + " p50");
        median->setPen(pen);
        median->setData(x, p50, true);
        pen.setWidthF(1.0);
        QCPGraph* tail = plot.addGraph();
        tail->setProperty(kDesignIndexProperty, int(i));
        tail->setName(QString::fromStdString(designs[i].label()) + " p99");
        tail->setPen(pen);
        tail->setData(x, p99, true);
        tail->removeFromLegend();
    }
    if (plot.graphCount() == 0) {
        ChartStyle::showEmptyMessage(plot, "No completed requests");
        return;
    }
    ChartStyle::fitDurationRange(plot.yAxis, lo, hi);
    plot.xAxis->setRange(0, end * 1.02 + 1e-9);
}

int LatencyOverTimeChart::drawAnnotations(QCustomPlot& plot, const std::vector<analysis::DesignAnalysis>& designs,
                             const std::vector<Annotation>& annotations) const {
    return ChartAnnotations::draw(plot, designs, annotations,
                                  [](const analysis::DesignAnalysis& d) { return d.latencyOverTime.originNs; });
}

} // namespace aioscope::charts
