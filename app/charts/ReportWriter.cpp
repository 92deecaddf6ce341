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

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace aioscope::charts {

namespace {
// POSIX rather than QFile: QFile buffers and reports a full disk as
// "Unknown error"; O_NOFOLLOW never writes through a link someone put there.
Result<void> writeFile(const QString& path, const QByteArray& bytes) {
    const QByteArray name = QFile::encodeName(path);
    const int fd = ::open(name.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
    auto failed = [&](int err) {
        return makeError(
            QString("cannot write %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(err))).toStdString());
    };
    if (fd < 0)
        return failed(errno);
    for (qsizetype done = 0; done < bytes.size();) {
        const ssize_t n = ::write(fd, bytes.constData() + done, static_cast<std::size_t>(bytes.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const int err = n < 0 ? errno : ENOSPC;
            ::close(fd);
            return failed(err);
        }
        done += n;
    }
    if (::close(fd) != 0)
        return failed(errno);
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
            c.pngBase64 = png.toBase64().toStdString();
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
