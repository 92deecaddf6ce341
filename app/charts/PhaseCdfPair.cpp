#include "charts/PhaseCdfPair.h"

#include "charts/ChartStyle.h"

#include <qcustomplot.h>

#include <limits>

namespace aioscope::charts {

void PhaseCdfPair::build(QCustomPlot& plot, const std::vector<analysis::DesignAnalysis>& designs) const {
    ChartStyle::reset(plot, title + " (solid: " + firstName + ", dashed: " + secondName + ")");
    ChartStyle::durationLogAxis(plot.xAxis, "duration");
    ChartStyle::percentAxis(plot.yAxis, "requests (%)");
    double lo = std::numeric_limits<double>::max(), hi = 0;
    auto consider = [&](const analysis::LatencyStats& s) {
        lo = std::min(lo, double(std::max<TimeNs>(1, s.minNs)));
        hi = std::max(hi, double(s.maxNs));
    };
    for (std::size_t i = 0; i < designs.size(); ++i) {
        const QString label = QString::fromStdString(designs[i].label());
        QPen pen = ChartStyle::designPen(designs, i);
        if (const auto& a = first(designs[i]); a.count) {
            ChartStyle::addCdf(plot, a.histogram, pen, label + " " + firstName);
            consider(a);
        }
        if (const auto& b = second(designs[i]); b.count) {
            pen.setStyle(Qt::DashLine);
            pen.setWidthF(1.5);
            // One legend entry per design; the title says which phase is dashed.
            ChartStyle::addCdf(plot, b.histogram, pen, label + " " + secondName)->removeFromLegend();
            consider(b);
        }
    }
    if (plot.graphCount() == 0) {
        ChartStyle::showEmptyMessage(plot, "No " + firstName + " or " + secondName + " recorded");
        return;
    }
    ChartStyle::fitDurationRange(plot.xAxis, lo, hi);
    plot.yAxis->setRange(0, 101);
    plot.axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
}

} // namespace aioscope::charts
