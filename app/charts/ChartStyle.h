#pragma once
#include "analysis/DesignAnalysis.h"
#include "analysis/LatencyHistogram.h"

#include <QPen>
#include <QString>

#include <vector>

class QCustomPlot;
class QCPAxis;
class QCPGraph;

namespace aioscope::charts {

// The look every chart shares: fonts, legend, interactions, axes.
class ChartStyle {
public:
    // Empties the plot (graphs, plottables, items) and applies the house style.
    static void reset(QCustomPlot& plot, const QString& title);
    // A log axis in nanoseconds with duration labels.
    static void durationLogAxis(QCPAxis* axis, const QString& label);
    static void percentAxis(QCPAxis* axis, const QString& label);
    // Pen of one design: palette colour; a line style per run when one design comes from several runs.
    static QPen designPen(const std::vector<analysis::DesignAnalysis>& designs, std::size_t index, qreal width = 2.0);
    // A CDF curve from a histogram (y in percent), added as one graph.
    static QCPGraph* addCdf(QCustomPlot& plot, const analysis::LatencyHistogram& h, const QPen& pen, const QString& name);
    // Fits a log duration axis to [lo, hi] ns, a decade margin each side.
    static void fitDurationRange(QCPAxis* axis, double lo, double hi);
    static void showEmptyMessage(QCustomPlot& plot, const QString& text);
};

} // namespace aioscope::charts
