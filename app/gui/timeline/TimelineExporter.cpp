#include "gui/timeline/TimelineExporter.h"

#include "gui/timeline/TimelineBins.h"
#include "gui/timeline/TimelineIndex.h"
#include "gui/timeline/TimelineView.h"

#include <QFileInfo>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>

namespace aioscope::gui {

bool TimelineExporter::exportTo(const TimelineView& view, const QString& path, QString* error) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    TimelineGeometry g;
    const int lanes = view.index() ? view.index()->layout.count() : 0;
    const QSize size(std::max(800, view.width()), g.axisHeight + g.legendHeight + g.laneHeight * std::max(lanes, 4));
    if (suffix == QLatin1String("png")) {
        const QImage image = view.renderImage(size, true);
        if (!image.save(path, "PNG")) {
            *error = QObject::tr("%1: could not write the PNG (is the folder writable?)").arg(path);
            return false;
        }
        return true;
    }
    TimelineBins bins;
    if (suffix == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(QStringLiteral("aioscope timeline"));
        QPainter p;
        if (!p.begin(&svg)) {
            *error = QObject::tr("%1: could not write the SVG").arg(path);
            return false;
        }
        auto scene = view.scene(size, true, &bins);
        scene.rasterRows = false;
        TimelinePainter::paint(p, scene);
        return true;
    }
    if (suffix == QLatin1String("pdf")) {
        QPdfWriter pdf(path);
        pdf.setPageSize(QPageSize(QSizeF(size.width(), size.height()), QPageSize::Point));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        pdf.setResolution(72);
        QPainter p;
        if (!p.begin(&pdf)) {
            *error = QObject::tr("%1: could not write the PDF").arg(path);
            return false;
        }
        auto scene = view.scene(size, true, &bins);
        scene.rasterRows = false;
        TimelinePainter::paint(p, scene);
        return true;
    }
    *error = QObject::tr("%1: unknown export format (use .png, .svg or .pdf)").arg(path);
    return false;
}

} // namespace aioscope::gui
