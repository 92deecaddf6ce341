#pragma once
#include <QByteArray>
#include <QString>

class QCustomPlot;

namespace aioscope::charts {

// Saves a chart as an image or its data as CSV.
class ChartExporter {
public:
    // Format from the suffix: .png, .svg, .pdf, .csv. Returns an error message, empty on success.
    static QString save(QCustomPlot& plot, const QString& path, int width = 0, int height = 0);
    static QByteArray png(QCustomPlot& plot, int width, int height);
    static QByteArray svg(QCustomPlot& plot, int width, int height, const QString& title = QString());
    // Every graph's points: series,x,y (graphs hidden from the legend included).
    static QString csv(const QCustomPlot& plot);
};

} // namespace aioscope::charts
