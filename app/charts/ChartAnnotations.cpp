#include "charts/ChartAnnotations.h"

#include <qcustomplot.h>

#include <set>


namespace aioscope::charts {

namespace {
const QColor kNoteColor(0xb0, 0x8a, 0x00); // as on the timeline
const QColor kBookmarkColor(0xad, 0x14, 0x57);

// x in plot coordinates, y as a fraction of the axis rect (0 = top), so the
// items span the plot whatever the (possibly logarithmic) y range is.
void place(QCPItemPosition* pos, double x, double yRatio) {
    pos->setTypeX(QCPItemPosition::ptPlotCoords);
    pos->setTypeY(QCPItemPosition::ptAxisRectRatio);
    pos->setCoords(x, yRatio);
}
} // namespace

int ChartAnnotations::draw(QCustomPlot& plot, const std::vector<analysis::DesignAnalysis>& designs,
                           const std::vector<Annotation>& annotations,
                           const std::function<TimeNs(const analysis::DesignAnalysis&)>& originOf) {
    if (plot.graphCount() == 0)
        return 0;
    int added = 0;
    std::set<std::size_t> runsDone;
    for (const auto& d : designs) {
        // A design with nothing in the analysed window has no time axis origin.
        const TimeNs origin = originOf(d);
        if (origin == kNoTime || !runsDone.insert(d.key.run).second)
            continue;
        const bool labelRun = designs.size() > 1 && !d.runName.empty() && designs.front().key.run != designs.back().key.run;
        for (const Annotation& a : annotations) {
            if (a.run != d.key.run || a.startNs == kNoTime)
                continue;
            const bool point = a.bookmark || a.endNs == kNoTime || a.endNs <= a.startNs;
            const double x0 = double(a.startNs - origin) / 1e9;
            const QColor color = point ? kBookmarkColor : kNoteColor;
            if (point) {
                auto* line = new QCPItemStraightLine(&plot);
                line->setObjectName(kItemName);
                line->setPen(QPen(color, 1.5));
                place(line->point1, x0, 0);
                place(line->point2, x0, 1);
                line->setSelectable(false);
            } else {
                auto* band = new QCPItemRect(&plot);
                band->setObjectName(kItemName);
                QColor fill = color;
                fill.setAlpha(40);
                band->setBrush(fill);
                band->setPen(QPen(color, 1));
                place(band->topLeft, x0, 0);
                place(band->bottomRight, double(a.endNs - origin) / 1e9, 1);
                band->setSelectable(false);
            }
            ++added;
            if (a.text.empty())
                continue;
            auto* text = new QCPItemText(&plot);
            text->setObjectName(kItemName);
            QString label = QString::fromStdString(a.text).simplified();
            if (label.size() > 48)
                label = label.left(47) + QChar(0x2026);
            if (labelRun)
                label = QString::fromStdString(d.runName) + ": " + label;
            text->setText(label);
            text->setColor(color.darker(120));
            text->setBrush(QColor(255, 255, 255, 200));
            text->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
            text->setPadding(QMargins(2, 1, 2, 1));
            place(text->position, x0, 0);
            text->setSelectable(false);
            ++added;
        }
    }
    return added;
}

int ChartAnnotations::itemCount(const QCustomPlot& plot) {
    int n = 0;
    for (int i = 0; i < plot.itemCount(); ++i)
        if (plot.item(i)->objectName() == QLatin1String(kItemName))
            ++n;
    return n;
}

} // namespace aioscope::charts
