#include "charts/ChartStyle.h"

#include "charts/DesignPalette.h"
#include "charts/DurationLogTicker.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace aioscope::charts {

void ChartStyle::reset(QCustomPlot& plot, const QString& title) {
    plot.clearGraphs();
    plot.clearPlottables();
    plot.clearItems();
    if (plot.plotLayout()->rowCount() > 1 && plot.plotLayout()->element(0, 0) &&
        qobject_cast<QCPTextElement*>(plot.plotLayout()->element(0, 0))) {
        static_cast<QCPTextElement*>(plot.plotLayout()->element(0, 0))->setText(title);
    } else {
        plot.plotLayout()->insertRow(0);
        auto* text = new QCPTextElement(&plot, title, QFont(plot.font().family(), 11, QFont::Bold));
        plot.plotLayout()->addElement(0, 0, text);
    }
    plot.setInteractions(QCP::iRangeDrag | QCP::iRangeZoom | QCP::iSelectPlottables);
    plot.legend->setVisible(true);
    plot.legend->setFont(QFont(plot.font().family(), 9));
    plot.legend->setBrush(QBrush(QColor(255, 255, 255, 220)));
    plot.axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    for (QCPAxis* axis : {plot.xAxis, plot.yAxis}) {
        axis->setScaleType(QCPAxis::stLinear);
        axis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
        axis->setNumberFormat("gb");
        axis->grid()->setSubGridVisible(false);
        axis->setLabel(QString());
    }
    plot.yAxis2->setVisible(false);
}

void ChartStyle::durationLogAxis(QCPAxis* axis, const QString& label) {
    axis->setScaleType(QCPAxis::stLogarithmic);
    axis->setTicker(QSharedPointer<QCPAxisTicker>(new DurationLogTicker));
    axis->grid()->setSubGridVisible(true);
    axis->setLabel(label);
}

void ChartStyle::percentAxis(QCPAxis* axis, const QString& label) {
    axis->setScaleType(QCPAxis::stLinear);
    axis->setLabel(label);
}

QPen ChartStyle::designPen(const std::vector<analysis::DesignAnalysis>& designs, std::size_t index, qreal width) {
    // The colour says the design; the line style tells apart runs of the same design.
    std::size_t ordinal = 0;
    for (std::size_t i = 0; i < index && i < designs.size(); ++i)
        if (designs[i].key.design == designs[index].key.design)
            ++ordinal;
    QPen pen(DesignPalette::color(designs[index].key.design), width);
    pen.setStyle(DesignPalette::runStyle(ordinal));
    return pen;
}

QCPGraph* ChartStyle::addCdf(QCustomPlot& plot, const analysis::LatencyHistogram& h, const QPen& pen,
                             const QString& name) {
    QCPGraph* g = plot.addGraph();
    g->setName(name);
    g->setPen(pen);
    const auto points = h.cdf();
    QVector<double> x, y;
    x.reserve(static_cast<qsizetype>(points.size()));
    y.reserve(static_cast<qsizetype>(points.size()));
    for (const auto& p : points) {
        x.push_back(p.ns);
        y.push_back(p.fraction * 100.0);
    }
    g->setData(x, y, true);
    return g;
}

void ChartStyle::fitDurationRange(QCPAxis* axis, double lo, double hi) {
    if (!(lo > 0) || !(hi > 0) || hi < lo) {
        axis->setRange(1e3, 1e9);
        return;
    }
    axis->setRange(std::pow(10.0, std::floor(std::log10(lo))), std::pow(10.0, std::ceil(std::log10(hi * 1.0001))));
}

void ChartStyle::showEmptyMessage(QCustomPlot& plot, const QString& text) {
    auto* label = new QCPItemText(&plot);
    label->setPositionAlignment(Qt::AlignCenter);
    label->position->setType(QCPItemPosition::ptAxisRectRatio);
    label->position->setCoords(0.5, 0.5);
    label->setText(text);
    label->setColor(Qt::gray);
    plot.legend->setVisible(false);
}

} // namespace aioscope::charts
