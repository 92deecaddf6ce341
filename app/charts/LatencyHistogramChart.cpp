#include "charts/LatencyHistogramChart.h"

#include "charts/ChartStyle.h"
#include "charts/DesignPalette.h"

#include <qcustomplot.h>

#include <limits>

namespace aioscope::charts {

namespace {
constexpr int kBinsPerDecade = 10;
}

QString LatencyHistogramChart::id() const { return "latency-histogram"; }
QString LatencyHistogramChart::title() const { return "Latency histogram"; }
QString LatencyHistogramChart::caption() const {
    return "Share of requests per latency bin (10 bins per decade, log axis); latency = completion - submit";
}

void LatencyHistogramChart::build(QCustomPlot& plot, const std::vector<analysis::DesignAnalysis>& designs) const {
    ChartStyle::reset(plot, title());
    ChartStyle::durationLogAxis(plot.xAxis, "latency");
    ChartStyle::percentAxis(plot.yAxis, "share of requests (%)");
    double lo = std::numeric_limits<double>::max(), hi = 0, top = 0;
    for (std::size_t i = 0; i < designs.size(); ++i) {
        const auto& d = designs[i];
        if (d.latency.count == 0)
            continue;
        const auto bins = d.latency.histogram.displayBins(kBinsPerDecade);
        // Step curve: one point per bin's left edge, a last one closing the final bin.
        QVector<double> x, y;
        for (const auto& b : bins) {
            x.push_back(b.lowerNs);
            y.push_back(100.0 * static_cast<double>(b.count) / static_cast<double>(d.latency.count));
            top = std::max(top, y.back());
        }
        x.push_back(bins.back().upperNs);
        y.push_back(0.0);
        lo = std::min(lo, bins.front().lowerNs);
        hi = std::max(hi, bins.back().upperNs);
        QCPGraph* g = plot.addGraph();
        g->setName(QString::fromStdString(d.label()));
        const QPen pen = ChartStyle::designPen(designs, i);
        g->setPen(pen);
        g->setBrush(DesignPalette::fill(pen.color()));
        g->setLineStyle(QCPGraph::lsStepLeft);
        g->setData(x, y, true);
    }
    if (plot.graphCount() == 0) {
        ChartStyle::showEmptyMessage(plot, "No completed requests");
        return;
    }
    ChartStyle::fitDurationRange(plot.xAxis, lo, hi);
    plot.yAxis->setRange(0, top * 1.1);
}

} // namespace aioscope::charts
