#include "SyntheticRun.h"
#include "analysis/Comparison.h"
#include "analysis/PercentileTable.h"
#include "charts/ChartCatalog.h"
#include "charts/ReportWriter.h"
#include "store/SessionStore.h"

#include <QFile>
#include <QImage>
#include <QPainter>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <gtest/gtest.h>
#include <qcustomplot.h>

#include <cstdlib>

using namespace aioscope;
using aioscope::testing::SyntheticDesign;

namespace {

// A note over [10 ms, 20 ms) of the run (pool submits one request every 10 us
// from the run's start for 40 ms).
constexpr TimeNs kBandFromNs = 10'000'000;
constexpr TimeNs kBandToNs = 20'000'000;

// A saved session: two designs with known distributions, a leak matrix and a note.
QString writeSampleSession(const QTemporaryDir& dir, Session* out) {
    auto r = aioscope::testing::makeSyntheticRun(
        {{"pool", SyntheticDesign::Distribution::Exponential, 30000, 0, 4000, 4096, true, 40},
         {"io_uring", SyntheticDesign::Distribution::Uniform, 3000, 15000, 2000}},
        2024);
    Session s;
    s.runs.push_back(std::move(r.run));
    s.matrices.push_back({"6.18.0-test", true, "2026-11-25T12:00:00Z",
                          {{"pool", "fsuid", ProbeVerdict::Leak, "65534", "0", "created file owned by root", "",
                            "worker tid 4242 existed before setfsuid"},
                           {"io_uring", "fsuid", ProbeVerdict::Carried, "65534", "65534", "EACCES", "", ""}}});
    Annotation a;
    a.text = "pool tail starts here";
    a.author = "review-bot";
    a.startNs = s.runs[0].startNs();
    s.annotations.push_back(a);
    Annotation band;
    band.text = "pool queue grows";
    band.startNs = s.runs[0].startNs() + kBandFromNs;
    band.endNs = s.runs[0].startNs() + kBandToNs;
    s.annotations.push_back(band);
    const QString path = dir.filePath("sample.aioscope");
    auto saved = store::SessionStore::save(s, path.toStdString());
    EXPECT_TRUE(saved.ok()) << (saved.ok() ? "" : saved.error().message);
    auto loaded = store::SessionStore::load(path.toStdString());
    EXPECT_TRUE(loaded.ok());
    *out = std::move(*loaded);
    return path;
}

void expectReportContent(const QString& html, const Session& session) {
    // One embedded PNG per chart of the catalog, each a decodable image.
    static const QRegularExpression img("<img alt=\"([^\"]+)\" src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\">");
    int images = 0;
    for (auto it = img.globalMatch(html); it.hasNext();) {
        const auto m = it.next();
        QImage image;
        EXPECT_TRUE(image.loadFromData(QByteArray::fromBase64(m.captured(2).toLatin1()), "PNG")) << m.captured(1).toStdString();
        EXPECT_GT(image.width(), 100);
        ++images;
    }
    EXPECT_EQ(images, static_cast<int>(charts::ChartCatalog::all().size()));
    for (const auto& c : charts::ChartCatalog::all())
        EXPECT_TRUE(html.contains("id=\"chart-" + c->id() + "\"")) << c->id().toStdString();

    // The summary numbers, as an independent analysis of the same session prints them.
    const analysis::Comparison comparison(analysis::analyzeDesigns(session, {}));
    const auto table = analysis::PercentileTable::fromAnalyses(comparison.analyses());
    ASSERT_EQ(table.rows.size(), 2u);
    for (std::size_t r = 0; r < table.rows.size(); ++r)
        for (std::size_t col = 0; col < analysis::PercentileTable::columnNames().size(); ++col)
            EXPECT_TRUE(html.contains(">" + QString::fromStdString(table.cellText(r, col)) + "<"))
                << table.cellText(r, col);
    EXPECT_TRUE(html.contains(">4000<"));   // pool requests
    EXPECT_TRUE(html.contains(">100<"));    // pool fsuid leaks (every 40th of 4000)
    EXPECT_TRUE(html.contains("leaks: fsuid"));
    EXPECT_TRUE(html.contains("worker tid 4242 existed before setfsuid"));
    EXPECT_TRUE(html.contains("pool tail starts here"));
    EXPECT_TRUE(html.contains("review-bot"));
    EXPECT_FALSE(html.contains("<script"));
    EXPECT_FALSE(html.contains("src=\"http"));
}

QString readAll(const QString& path) {
    QFile f(path);
    EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << path.toStdString();
    return QString::fromUtf8(f.readAll());
}

} // namespace

TEST(ReportWriter, WritesSelfContainedHtmlWithChartsTablesMatrixAndNotes) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    Session session;
    writeSampleSession(dir, &session);
    auto files = charts::ReportWriter::write(session, dir.filePath("report"), {});
    ASSERT_TRUE(files.ok()) << files.error().message;
    EXPECT_EQ(files->charts.size(), static_cast<qsizetype>(charts::ChartCatalog::all().size()));
    for (const auto& png : files->charts)
        EXPECT_GT(QFileInfo(png).size(), 1000) << png.toStdString();
    EXPECT_TRUE(readAll(dir.filePath("report/summary.csv")).startsWith("run,design,requests"));
    expectReportContent(readAll(files->html), session);
}

TEST(ReportWriter, InlineSvgVariantEmbedsOneSvgPerChart) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    Session session;
    writeSampleSession(dir, &session);
    charts::ReportOptions options;
    options.inlineSvg = true;
    auto files = charts::ReportWriter::write(session, dir.filePath("svg"), options);
    ASSERT_TRUE(files.ok()) << files.error().message;
    const QString html = readAll(files->html);
    EXPECT_EQ(html.count("<svg"), static_cast<qsizetype>(charts::ChartCatalog::all().size()));
    EXPECT_FALSE(html.contains("<?xml"));
}

TEST(ReportWriter, UnwritableFolderIsAnError) {
    Session session;
    auto files = charts::ReportWriter::write(session, "/proc/aioscope-report-cannot-exist", {});
    ASSERT_FALSE(files.ok());
    EXPECT_NE(files.error().message.find("/proc/aioscope-report-cannot-exist"), std::string::npos);
}

// The real command, headless: no DISPLAY, the command sets the offscreen platform itself.
TEST(ReportCommand, HeadlessReportFromASavedSession) {
    const QString exe = AIOSCOPE_EXECUTABLE;
    if (!QFileInfo::exists(exe))
        GTEST_SKIP() << "build the aioscope target first: " << exe.toStdString();
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    Session session;
    const QString path = writeSampleSession(dir, &session);
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove("DISPLAY");
    env.remove("WAYLAND_DISPLAY");
    env.remove("QT_QPA_PLATFORM");
    p.setProcessEnvironment(env);
    p.start(exe, {"report", path, "--out", dir.filePath("out")});
    ASSERT_TRUE(p.waitForFinished(120000));
    EXPECT_EQ(p.exitCode(), 0) << p.readAllStandardError().toStdString();
    EXPECT_TRUE(QString::fromUtf8(p.readAllStandardOutput()).contains("report.html"));
    expectReportContent(readAll(dir.filePath("out/report.html")), session);

    QProcess bad;
    bad.setProcessEnvironment(env);
    bad.start(exe, {"report", dir.filePath("missing.aioscope"), "--out", dir.filePath("x")});
    ASSERT_TRUE(bad.waitForFinished(60000));
    EXPECT_EQ(bad.exitCode(), 2);
    QProcess usage;
    usage.setProcessEnvironment(env);
    usage.start(exe, {"report", path});
    ASSERT_TRUE(usage.waitForFinished(60000));
    EXPECT_EQ(usage.exitCode(), 2);
}

// The report's latency-over-time image shows the note as the GUI does: the
// note's translucent tint fills the pixel columns of its time range, and no
// column away from it.
TEST(ReportWriter, TimeChartImageShowsTheNoteOverItsTimeRange) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    Session session;
    writeSampleSession(dir, &session);
    const charts::ReportOptions options;
    auto files = charts::ReportWriter::write(session, dir.filePath("report"), options);
    ASSERT_TRUE(files.ok()) << files.error().message;
    QImage image(dir.filePath("report/latency-over-time.png"));
    ASSERT_FALSE(image.isNull());
    ASSERT_EQ(image.size(), QSize(options.chartWidth, options.chartHeight));
    image = image.convertToFormat(QImage::Format_RGB32);

    // Where the range falls: the same chart, without notes, laid out at the image's size.
    const auto designs = analysis::analyzeDesigns(session, {});
    ASSERT_FALSE(designs.empty());
    QCustomPlot plot;
    charts::ChartCatalog::find("latency-over-time")->build(plot, designs);
    plot.toPixmap(options.chartWidth, options.chartHeight, 1.0);
    const TimeNs origin = designs.front().latencyOverTime.originNs;
    const TimeNs runStart = session.runs[0].startNs();
    const int x0 = qRound(plot.xAxis->coordToPixel(double(runStart + kBandFromNs - origin) / 1e9));
    const int x1 = qRound(plot.xAxis->coordToPixel(double(runStart + kBandToNs - origin) / 1e9));
    const QRect area = plot.axisRect()->rect();
    ASSERT_GT(x1 - x0, 40) << "the note should span a testable width";
    ASSERT_TRUE(area.contains(x0, area.center().y()) && area.contains(x1, area.center().y()));

    // The note's colour (as on the timeline) at alpha 40 over the white plot.
    QImage swatch(1, 1, QImage::Format_RGB32);
    swatch.fill(Qt::white);
    {
        QPainter p(&swatch);
        p.fillRect(0, 0, 1, 1, QColor(0xb0, 0x8a, 0x00, 40));
    }
    const QColor tint = swatch.pixelColor(0, 0);
    auto isTint = [&](int x, int y) {
        const QColor c = image.pixelColor(x, y);
        return std::abs(c.red() - tint.red()) <= 3 && std::abs(c.green() - tint.green()) <= 3 &&
               std::abs(c.blue() - tint.blue()) <= 3;
    };
    // Middle rows only: the labels sit at the top, the axis at the bottom.
    auto columnTinted = [&](int x) {
        for (int y = area.top() + area.height() / 4; y < area.top() + 3 * area.height() / 4; y += 3)
            if (isTint(x, y))
                return true;
        return false;
    };
    int inside = 0, tintedInside = 0, tintedOutside = 0;
    for (int x = area.left() + 3; x < area.right() - 3; ++x) {
        if (x >= x0 + 3 && x <= x1 - 3) {
            ++inside;
            tintedInside += columnTinted(x);
        } else if (x < x0 - 3 || x > x1 + 3) {
            tintedOutside += columnTinted(x);
        }
    }
    EXPECT_GE(tintedInside, inside * 9 / 10) << "of " << inside << " columns inside the note";
    EXPECT_EQ(tintedOutside, 0);

    // Charts without a time axis stay as they were: no note colour anywhere.
    QImage cdf(dir.filePath("report/latency-cdf.png"));
    ASSERT_FALSE(cdf.isNull());
    image = cdf.convertToFormat(QImage::Format_RGB32);
    int tintedCdf = 0;
    for (int x = area.left(); x < area.right(); ++x)
        tintedCdf += columnTinted(x);
    EXPECT_EQ(tintedCdf, 0);
}
