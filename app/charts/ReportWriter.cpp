#include "charts/ReportWriter.h"

#include "analysis/Comparison.h"
#include "analysis/HtmlReport.h"
#include "analysis/PercentileTable.h"
#include "charts/ChartCatalog.h"
#include "charts/ChartExporter.h"
#include "model/Session.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <qcustomplot.h>

namespace aioscope::charts {

namespace {
Result<void> writeFile(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    // QFile buffers: a full disk shows only when the buffer is flushed.
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size() || !f.flush())
        return makeError(QString("cannot write %1: %2").arg(path, f.errorString()).toStdString());
    return {};
}
} // namespace

Result<ReportFiles> ReportWriter::write(const Session& session, const QString& outDir, const ReportOptions& options) {
    if (!QDir().mkpath(outDir))
        return makeError(QString("cannot create the report folder %1").arg(outDir).toStdString());
    const QDir dir(outDir);
    analysis::AnalysisOptions analysisOptions;
    analysisOptions.labelWithRun = session.runs.size() > 1;
    const analysis::Comparison comparison(analysis::analyzeDesigns(session, {}, analysisOptions));

    analysis::HtmlReportInput in;
    in.title = options.title.toStdString();
    in.sessionName = options.sessionName.toStdString();
    in.generatedUtc = QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toStdString();
    in.generator = std::string("aioscope ") + QCoreApplication::applicationVersion().toStdString();
    in.session = &session;
    in.comparison = &comparison;

    ReportFiles files;
    QCustomPlot plot;
    plot.resize(options.chartWidth, options.chartHeight);
    for (const auto& chart : ChartCatalog::all()) {
        chart->build(plot, comparison.analyses());
        // The same notes and bookmarks the GUI's charts show, so both agree.
        chart->drawAnnotations(plot, comparison.analyses(), session.annotations);
        analysis::HtmlReportChart c;
        c.id = chart->id().toStdString();
        c.title = chart->title().toStdString();
        c.caption = chart->caption().toStdString();
        const QByteArray png = ChartExporter::png(plot, options.chartWidth, options.chartHeight);
        if (png.isEmpty())
            return makeError("cannot render the chart " + c.id + " (no image produced)");
        const QString pngPath = dir.filePath(chart->id() + ".png");
        if (auto ok = writeFile(pngPath, png); !ok)
            return ok.error();
        files.charts << pngPath;
        if (options.inlineSvg)
            c.svg = ChartExporter::svg(plot, options.chartWidth, options.chartHeight, chart->title()).toStdString();
        else
            c.png = png.toStdString();
        in.charts.push_back(std::move(c));
    }

    const QString summaryPath = dir.filePath("summary.csv");
    const QString percentilePath = dir.filePath("percentiles.csv");
    if (auto ok = writeFile(summaryPath, QByteArray::fromStdString(comparison.toCsv())); !ok)
        return ok.error();
    const auto table = analysis::PercentileTable::fromAnalyses(comparison.analyses());
    if (auto ok = writeFile(percentilePath, QByteArray::fromStdString(table.toCsv())); !ok)
        return ok.error();
    files.tables << summaryPath << percentilePath;

    files.html = dir.filePath("report.html");
    if (auto ok = writeFile(files.html, QByteArray::fromStdString(analysis::HtmlReport::render(in))); !ok)
        return ok.error();
    return files;
}

} // namespace aioscope::charts
