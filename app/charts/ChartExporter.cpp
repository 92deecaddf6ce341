#include "charts/ChartExporter.h"

#include "analysis/CsvField.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QSvgGenerator>
#include <qcustomplot.h>

namespace aioscope::charts {

QByteArray ChartExporter::png(QCustomPlot& plot, int width, int height) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    const QPixmap pixmap = plot.toPixmap(width, height, 1.0);
    pixmap.save(&buffer, "PNG");
    return bytes;
}

QByteArray ChartExporter::svg(QCustomPlot& plot, int width, int height, const QString& title) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(QSize(width, height));
    generator.setViewBox(QRect(0, 0, width, height));
    generator.setTitle(title);
    QCPPainter painter;
    painter.begin(&generator);
    plot.toPainter(&painter, width, height);
    painter.end();
    return bytes;
}

QString ChartExporter::csv(const QCustomPlot& plot) {
    QString out = "series,x,y\n";
    for (int i = 0; i < plot.graphCount(); ++i) {
        const QCPGraph* g = plot.graph(i);
        const QString name = QString::fromStdString(analysis::csvField(g->name().toStdString()));
        for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
            out += name + ',' + QString::number(it->key, 'g', 12) + ',' + QString::number(it->value, 'g', 12) + '\n';
    }
    return out;
}

QString ChartExporter::save(QCustomPlot& plot, const QString& path, int width, int height) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    const int w = width > 0 ? width : std::max(plot.width(), 800);
    const int h = height > 0 ? height : std::max(plot.height(), 400);
    bool ok = false;
    if (suffix == "png") {
        ok = plot.savePng(path, w, h);
    } else if (suffix == "pdf") {
        ok = plot.savePdf(path, w, h);
    } else if (suffix == "svg" || suffix == "csv") {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return QString("cannot write %1: %2").arg(path, f.errorString());
        const QByteArray bytes = suffix == "svg" ? svg(plot, w, h) : csv(plot).toUtf8();
        ok = f.write(bytes) == bytes.size();
    } else {
        return QString("cannot export %1: use a .png, .svg, .pdf or .csv file name").arg(path);
    }
    return ok ? QString() : QString("cannot write %1").arg(path);
}

} // namespace aioscope::charts
