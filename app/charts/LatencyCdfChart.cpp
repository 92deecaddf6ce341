#include "charts/LatencyCdfChart.h"

#include "charts/ChartStyle.h"

#include <qcustomplot.h>

#include <limits>

namespace aioscope::charts {

QString LatencyCdfChart::id() const { return "latency-cdf"; }
QString LatencyCdfChart::title() const { return "Latency CDF"; }
QString LatencyCdfChart::caption() const {
    return "Cumulative share of requests completed within a latency (log axis); dots mark the exact p99 and p99.9";
}

void LatencyCdfChart::build(QCustomPlot& plot, const std::vector<analysis::DesignAnalysis>& designs) const {
    ChartStyle::reset(plot, title());
    ChartStyle::durationLogAxis(plot.xAxis, "latency");
    ChartStyle::percentAxis(plot.yAxis, "requests completed (%)");
    double lo = std::numeric_limits<double>::max(), hi = 0;
    for (std::size_t i = 0; i < designs.size(); ++i) {
        const auto& d = designs[i];
        if (d.latency.count == 0)
            continue;
        const QPen pen = ChartStyle::designPen(designs, i);
        ChartStyle::addCdf(plot, d.latency.histogram, pen, QString::fromStdString(d.label()));
        lo = std::min(lo, static_cast<double>(std::max<TimeNs>(1, d.latency.minNs)));
        hi = std::max(hi, static_cast<double>(d.latency.maxNs));
        // The exact tail percentiles, as markers on the curve (not in the legend).
        QCPGraph* marks = plot.addGraph();
        marks->setName(QString::fromStdString(d.label()) + " percentiles");
        marks->setLineStyle(QCPGraph::lsNone);
        marks->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, pen.color(), pen.color(), 6));
        marks->setData({double(d.latency.at(99.0)), double(d.latency.at(99.9))}, {99.0, 99.9}, true);
        marks->removeFromLegend();
    }
    if (plot.graphCount() == 0) {
        ChartStyle::showEmptyMessage(plot, "No completed requests");
        return;
    }
    ChartStyle::fitDurationRange(plot.xAxis, lo, hi);
    plot.yAxis->setRange(0, 101);
    plot.axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
}

} // namespace aioscope::charts
