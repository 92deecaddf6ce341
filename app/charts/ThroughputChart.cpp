#include "charts/ThroughputChart.h"

#include "charts/ChartAnnotations.h"
#include "charts/ChartStyle.h"

#include <qcustomplot.h>

namespace aioscope::charts {

QString ThroughputChart::id() const { return "throughput"; }
QString ThroughputChart::title() const { return "Throughput over time"; }
QString ThroughputChart::caption() const {
    return "Completions per second (IOPS) in each time bin, from each design's first submit";
}

void ThroughputChart::build(QCustomPlot& plot, const std::vector<analysis::DesignAnalysis>& designs) const {
    ChartStyle::reset(plot, title());
    plot.xAxis->setLabel("time since first submit (s)");
    plot.yAxis->setLabel("IOPS");
    double top = 0, end = 0;
    for (std::size_t i = 0; i < designs.size(); ++i) {
        const auto& s = designs[i].throughput;
        if (s.completions.empty())
            continue;
        QVector<double> x, y;
        for (std::size_t b = 0; b < s.completions.size(); ++b) {
            x.push_back(s.binStartSeconds(b));
            y.push_back(s.iops(b));
            top = std::max(top, y.back());
        }
        end = std::max(end, s.binStartSeconds(s.completions.size()));
        QCPGraph* g = plot.addGraph();
        g->setName(QString::fromStdString(designs[i].label()));
        g->setPen(ChartStyle::designPen(designs, i));
        g->setLineStyle(QCPGraph::lsStepLeft);
        g->setData(x, y, true);
    }
    if (plot.graphCount() == 0) {
        ChartStyle::showEmptyMessage(plot, "No completed requests");
        return;
    }
    plot.xAxis->setRange(0, end);
    plot.yAxis->setRange(0, top * 1.1 + 1);
}

int ThroughputChart::drawAnnotations(QCustomPlot& plot, const std::vector<analysis::DesignAnalysis>& designs,
                             const std::vector<Annotation>& annotations) const {
    return ChartAnnotations::draw(plot, designs, annotations,
                                  [](const analysis::DesignAnalysis& d) { return d.throughput.originNs; });
}

} // namespace aioscope::charts
