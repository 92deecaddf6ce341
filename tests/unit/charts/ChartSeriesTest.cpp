#include "SyntheticRun.h"
#include "charts/ChartCatalog.h"
#include "charts/ChartExporter.h"
#include "charts/DesignPalette.h"

#include <gtest/gtest.h>
#include <qcustomplot.h>

using namespace aioscope;
using aioscope::testing::SyntheticDesign;

namespace {
std::vector<analysis::DesignAnalysis> twoDesigns(Session& session) {
    auto r = aioscope::testing::makeSyntheticRun(
        {{"pool", SyntheticDesign::Distribution::Exponential, 40000, 0, 5000, 4096, true, 50},
         {"io_uring", SyntheticDesign::Distribution::Uniform, 2000, 20000, 3000}},
        17);
    session.runs.push_back(std::move(r.run));
    return analysis::analyzeDesigns(session, {});
}

double sumY(const QCPGraph* g) {
    double s = 0;
    for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
        s += it->value;
    return s;
}
} // namespace

TEST(ChartCatalog, ListsEveryChartOnce) {
    QStringList ids;
    for (const auto& c : charts::ChartCatalog::all())
        ids << c->id();
    EXPECT_EQ(ids, (QStringList{"latency-histogram", "latency-cdf", "latency-over-time", "throughput",
                                "submit-vs-completion", "queue-wait-vs-execution"}));
    EXPECT_NE(charts::ChartCatalog::find("throughput"), nullptr);
    EXPECT_EQ(charts::ChartCatalog::find("nope"), nullptr);
}

TEST(Charts, HistogramHasOneSeriesPerDesignSummingToAllRequests) {
    Session s;
    const auto designs = twoDesigns(s);
    QCustomPlot plot;
    charts::ChartCatalog::find("latency-histogram")->build(plot, designs);
    ASSERT_EQ(plot.graphCount(), 2);
    EXPECT_EQ(plot.graph(0)->name(), "pool");
    EXPECT_EQ(plot.graph(1)->name(), "io_uring");
    EXPECT_NEAR(sumY(plot.graph(0)), 100.0, 1e-6); // shares of all 5000 requests
    EXPECT_NEAR(sumY(plot.graph(1)), 100.0, 1e-6);
    // One point per display bin plus the closing edge.
    const auto bins = designs[0].latency.histogram.displayBins(10);
    EXPECT_EQ(plot.graph(0)->dataCount(), static_cast<int>(bins.size()) + 1);
    EXPECT_EQ(plot.xAxis->scaleType(), QCPAxis::stLogarithmic);
    // Colours come from the palette, so every view agrees.
    EXPECT_EQ(plot.graph(0)->pen().color(), charts::DesignPalette::color(std::string_view("pool")));
    EXPECT_EQ(plot.graph(1)->pen().color(), charts::DesignPalette::color(std::string_view("io_uring")));
}

TEST(Charts, CdfEndsAtHundredPercentWithExactPercentileMarkers) {
    Session s;
    const auto designs = twoDesigns(s);
    QCustomPlot plot;
    charts::ChartCatalog::find("latency-cdf")->build(plot, designs);
    ASSERT_EQ(plot.graphCount(), 4); // curve + percentile markers per design
    const QCPGraph* curve = plot.graph(0);
    EXPECT_DOUBLE_EQ((curve->data()->constEnd() - 1)->value, 100.0);
    const QCPGraph* marks = plot.graph(1);
    ASSERT_EQ(marks->dataCount(), 2);
    EXPECT_DOUBLE_EQ(marks->data()->at(0)->key, double(designs[0].latency.at(99.0)));
    EXPECT_DOUBLE_EQ(marks->data()->at(1)->key, double(designs[0].latency.at(99.9)));
    EXPECT_EQ(plot.legend->itemCount(), 2);
}

TEST(Charts, TimeSeriesAndPhasePairsHaveExpectedSeries) {
    Session s;
    const auto designs = twoDesigns(s);
    QCustomPlot plot;
    charts::ChartCatalog::find("throughput")->build(plot, designs);
    ASSERT_EQ(plot.graphCount(), 2);
    EXPECT_EQ(plot.graph(0)->dataCount(), 200);
    // IOPS x bin width adds back up to the completions.
    const double binSeconds = double(designs[0].throughput.binNs) / 1e9;
    EXPECT_NEAR(sumY(plot.graph(0)) * binSeconds, 5000.0, 1e-6);

    charts::ChartCatalog::find("latency-over-time")->build(plot, designs);
    ASSERT_EQ(plot.graphCount(), 4); // p50 + p99 per design
    EXPECT_EQ(plot.graph(1)->name(), "pool p99");

    charts::ChartCatalog::find("submit-vs-completion")->build(plot, designs);
    ASSERT_EQ(plot.graphCount(), 4);
    EXPECT_EQ(plot.graph(0)->name(), "pool completion");
    EXPECT_EQ(plot.graph(1)->name(), "pool submit");
    EXPECT_EQ(plot.graph(1)->pen().style(), Qt::DashLine);
    EXPECT_EQ(plot.legend->itemCount(), 2); // one entry per design

    charts::ChartCatalog::find("queue-wait-vs-execution")->build(plot, designs);
    ASSERT_EQ(plot.graphCount(), 4);
    EXPECT_EQ(plot.graph(3)->name(), "io_uring queue wait");
}

TEST(Charts, EmptySelectionShowsAMessageNotACrash) {
    QCustomPlot plot;
    for (const auto& c : charts::ChartCatalog::all()) {
        c->build(plot, {});
        EXPECT_EQ(plot.graphCount(), 0) << c->id().toStdString();
        EXPECT_EQ(plot.itemCount(), 1);
    }
}

TEST(ChartExporter, WritesPngSvgPdfAndCsv) {
    Session s;
    const auto designs = twoDesigns(s);
    QCustomPlot plot;
    charts::ChartCatalog::find("latency-cdf")->build(plot, designs);
    const QByteArray png = charts::ChartExporter::png(plot, 640, 320);
    ASSERT_GT(png.size(), 1000);
    EXPECT_TRUE(png.startsWith("\x89PNG"));
    QImage image;
    ASSERT_TRUE(image.loadFromData(png, "PNG"));
    EXPECT_EQ(image.size(), QSize(640, 320));
    const QByteArray svg = charts::ChartExporter::svg(plot, 640, 320);
    EXPECT_TRUE(svg.contains("<svg"));
    const QString csv = charts::ChartExporter::csv(plot);
    EXPECT_TRUE(csv.startsWith("series,x,y\n"));
    EXPECT_TRUE(csv.contains("\npool,"));

    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    for (const char* name : {"c.png", "c.svg", "c.pdf", "c.csv"}) {
        const QString path = dir.filePath(name);
        EXPECT_EQ(charts::ChartExporter::save(plot, path, 640, 320), QString()) << name;
        EXPECT_GT(QFileInfo(path).size(), 100) << name;
    }
    EXPECT_NE(charts::ChartExporter::save(plot, dir.filePath("c.bmp")), QString());
}
