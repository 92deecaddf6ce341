#pragma once
#include "model/Result.h"

#include <QString>
#include <QStringList>

namespace aioscope {
struct Session;
}

namespace aioscope::charts {

struct ReportOptions {
    QString title = "aioscope report";
    QString sessionName;
    int chartWidth = 960;
    int chartHeight = 440;
    bool inlineSvg = false; // charts as inline SVG instead of base64 PNG
};

struct ReportFiles {
    QString html;        // DIR/report.html, self-contained
    QStringList charts;  // DIR/<chart-id>.png, the same images, for slides
    QStringList tables;  // DIR/summary.csv, DIR/percentiles.csv
};

// Writes the HTML report of a session into a folder: one self-contained page
// with every chart of the ChartCatalog embedded (the time charts carry the
// session's notes and bookmarks, drawn as in the GUI), plus the images and
// tables as separate files. Needs a QApplication (QCustomPlot is a widget); works
// offscreen.
class ReportWriter {
public:
    static Result<ReportFiles> write(const Session& session, const QString& outDir, const ReportOptions& options = {});
};

} // namespace aioscope::charts
