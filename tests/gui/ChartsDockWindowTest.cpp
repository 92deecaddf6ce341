// The charts dock with a real DocumentContext: "Only the visible time range"
// charts the requests submitted in the timeline's window (and follows it),
// and a click on the latency-over-time chart selects the request behind the
// point.
#include "ChartsDockWait.h"
#include "SyntheticRun.h"
#include "analysis/Comparison.h"
#include "analysis/DurationFormat.h"
#include "charts/LatencyOverTimeChart.h"
#include "gui/DocumentContext.h"
#include "gui/charts/ChartsDock.h"

#include <QCheckBox>
#include <QDeadlineTimer>
#include <QSettings>
#include <QTabWidget>
#include <QTest>
#include <gtest/gtest.h>
#include <qcustomplot.h>

#include <cmath>
#include <limits>
#include <map>

using namespace aioscope;
using aioscope::gui::ChartsDock;
using aioscope::testing::SyntheticDesign;
using aioscope::testing::waitForCharts;

namespace {
std::shared_ptr<const Session> threeDesigns() {
    auto r =
        aioscope::testing::makeSyntheticRun({{"pool", SyntheticDesign::Distribution::Exponential, 30000, 0, 3000},
                                             {"io_uring", SyntheticDesign::Distribution::Uniform, 3000, 15000, 2000},
                                             {"sync", SyntheticDesign::Distribution::Uniform, 1000, 9000, 1000}},
                                            31);
    auto s = std::make_shared<Session>();
    s->runs.push_back(std::move(r.run));
    return s;
}

// Completed requests per design submitted in [from, to), straight from the request table.
std::map<std::string, std::uint64_t> completedIn(const aioscope::Run& run, TimeNs from, TimeNs to) {
    std::map<std::string, std::uint64_t> n;
    const auto& t = run.requests;
    for (std::size_t i = 0; i < t.size(); ++i)
        if (t.submitNs()[i] >= from && t.submitNs()[i] < to && t.completeNs()[i] != kNoTime)
            ++n[std::string(run.strings.view(t.design()[i]))];
    return n;
}

// Checks what the dock charts against the expected counts: the analysis each
// histogram is drawn from holds exactly those requests, and one histogram
// curve per design that has any.
void expectCharted(const ChartsDock& dock, const std::map<std::string, std::uint64_t>& expected) {
    ASSERT_NE(dock.comparison(), nullptr);
    int withData = 0;
    for (const auto& a : dock.comparison()->analyses()) {
        SCOPED_TRACE(a.key.design);
        const auto it = expected.find(a.key.design);
        const std::uint64_t want = it == expected.end() ? 0 : it->second;
        EXPECT_EQ(a.latency.count, want);
        std::uint64_t binned = 0;
        for (const auto& b : a.latency.histogram.displayBins(10))
            binned += b.count;
        EXPECT_EQ(binned, want);
        withData += want > 0;
    }
    QCustomPlot* histogram = dock.plot("latency-histogram");
    ASSERT_EQ(histogram->graphCount(), withData);
    for (int g = 0; g < histogram->graphCount(); ++g) {
        double percent = 0;
        for (auto it = histogram->graph(g)->data()->constBegin(); it != histogram->graph(g)->data()->constEnd(); ++it)
            percent += it->value;
        EXPECT_NEAR(percent, 100.0, 1e-6) << histogram->graph(g)->name().toStdString();
    }
}

// Where the median point of the first non-empty bin from the middle on is
// drawn (widget pixels); a null point when there is none.
QPoint medianPointOfMiddleBin(const QCustomPlot& plot, const analysis::LatencyOverTime& overTime, std::size_t* bin) {
    std::size_t b = overTime.counts.size() / 2;
    while (b < overTime.counts.size() && overTime.counts[b] == 0)
        ++b;
    if (b >= overTime.counts.size() || plot.graphCount() == 0 ||
        plot.graph(0)->property(charts::LatencyOverTimeChart::kDesignIndexProperty).toInt() != 0)
        return {};
    *bin = b;
    return plot.graph(0)->coordsToPixels(overTime.binMiddleSeconds(b), double(overTime.p50Ns[b])).toPoint();
}

} // namespace

TEST(ChartsDock, OnlyTheVisibleTimeRangeChartsRequestsSubmittedInTheWindow) {
    QSettings().remove(ChartsDock::kWindowOnlySetting);
    auto session = threeDesigns();
    const aioscope::Run& run = session->runs[0];
    gui::DocumentContext ctx;
    ctx.setSession(session);
    ChartsDock dock(&ctx);
    waitForCharts(dock);
    EXPECT_FALSE(dock.windowOnly()); // off by default
    EXPECT_FALSE(dock.builtWindow().has_value());
    expectCharted(dock, completedIn(run, std::numeric_limits<TimeNs>::min() + 1, std::numeric_limits<TimeNs>::max()));

    // The end of pool and the start of io_uring; sync is outside.
    const auto& submit = run.requests.submitNs();
    const TimeNs from = submit[2500] - 3, to = submit[3700] + 5;
    ctx.setTimeWindow(from, to);
    EXPECT_FALSE(dock.isRebuildPending()); // the toggle is off: nothing to follow
    dock.windowOnlyBox()->click();
    waitForCharts(dock);
    ASSERT_TRUE(dock.windowOnly());
    EXPECT_TRUE(QSettings().value(ChartsDock::kWindowOnlySetting).toBool());
    ASSERT_TRUE(dock.builtWindow().has_value());
    EXPECT_EQ(dock.builtWindow()->fromNs, from);
    EXPECT_TRUE(dock.windowOnlyBox()->text().contains(QString::fromStdString(analysis::formatDuration(to - from))));
    const auto expected = completedIn(run, from, to);
    EXPECT_EQ(expected.at("pool"), 500u);
    EXPECT_EQ(expected.at("io_uring"), 701u);
    EXPECT_EQ(expected.count("sync"), 0u);
    expectCharted(dock, expected);

    // Zooming the timeline re-scopes the charts once it settles.
    const TimeNs from2 = submit[3900], to2 = submit[5400];
    ctx.setTimeWindow(from2, to2);
    EXPECT_TRUE(dock.isRebuildPending());
    waitForCharts(dock);
    ASSERT_FALSE(dock.isRebuildPending());
    expectCharted(dock, completedIn(run, from2, to2));

    // A new dock (a new start of the app) remembers the choice.
    ChartsDock again(&ctx);
    waitForCharts(again);
    EXPECT_TRUE(again.windowOnly());
    expectCharted(again, completedIn(run, from2, to2));

    dock.setWindowOnly(false);
    waitForCharts(dock);
    EXPECT_FALSE(QSettings().value(ChartsDock::kWindowOnlySetting).toBool());
    EXPECT_FALSE(dock.builtWindow().has_value());
    expectCharted(dock, completedIn(run, std::numeric_limits<TimeNs>::min() + 1, std::numeric_limits<TimeNs>::max()));
}

TEST(ChartsDock, ClickOnALatencyOverTimePointSelectsItsRequest) {
    QSettings().remove(ChartsDock::kWindowOnlySetting);
    auto session = threeDesigns();
    const aioscope::Run& run = session->runs[0];
    gui::DocumentContext ctx;
    ctx.setSession(session);
    ChartsDock dock(&ctx);
    waitForCharts(dock);
    dock.setSelectedDesigns({{0, "io_uring"}});
    waitForCharts(dock);
    QCustomPlot* plot = dock.plot("latency-over-time");
    dock.tabs()->setCurrentWidget(plot);
    dock.resize(1100, 700);
    dock.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&dock));
    plot->replot(QCustomPlot::rpImmediateRefresh);

    auto charted = dock.comparison(); // keeps the analysis alive across rebuilds
    ASSERT_EQ(charted->analyses().size(), 1u);
    const auto& overTime = charted->analyses()[0].latencyOverTime;
    std::size_t bin = 0;
    const QPoint at = medianPointOfMiddleBin(*plot, overTime, &bin);
    ASSERT_FALSE(at.isNull());

    std::size_t activatedRun = 99;
    RequestId activated = kNoRequest;
    QObject::connect(&dock, &ChartsDock::requestActivated, [&](std::size_t r, RequestId id) {
        activatedRun = r;
        activated = id;
    });
    QTest::mouseClick(plot, Qt::LeftButton, Qt::NoModifier, at);
    ASSERT_NE(activated, kNoRequest);
    EXPECT_EQ(activatedRun, 0u);
    EXPECT_EQ(ctx.selectedRequest(), activated);
    // The request behind the point: io_uring's, completing in that bin, with
    // the bin's median latency (or its p99, if that curve was nearer).
    const auto& t = run.requests;
    EXPECT_EQ(run.strings.view(t.design()[activated]), "io_uring");
    const TimeNs complete = t.completeNs()[activated];
    EXPECT_GE(complete, overTime.originNs + static_cast<TimeNs>(bin) * overTime.binNs);
    EXPECT_LT(complete, overTime.originNs + static_cast<TimeNs>(bin + 1) * overTime.binNs);
    const TimeNs latency = complete - t.submitNs()[activated];
    EXPECT_TRUE(latency == overTime.p50Ns[bin] || latency == overTime.p99Ns[bin]) << latency;
    // The timeline moved onto it.
    EXPECT_LE(ctx.windowStart(), t.submitNs()[activated]);
    EXPECT_GE(ctx.windowEnd(), complete);
    EXPECT_LT(ctx.windowEnd() - ctx.windowStart(), 1'000'000);

    // Away from every curve: nothing is selected.
    activated = kNoRequest;
    const QRect area = plot->axisRect()->rect();
    QTest::mouseClick(plot, Qt::LeftButton, Qt::NoModifier, QPoint(area.left() + 2, area.top() + 2));
    EXPECT_EQ(activated, kNoRequest);

    // Charts of the visible range: the click selects a request of that range
    // and leaves the timeline (and so the charts) where they are.
    const TimeNs from = t.submitNs()[3000], to = t.submitNs()[4500];
    ctx.setTimeWindow(from, to);
    dock.setWindowOnly(true);
    waitForCharts(dock);
    plot->replot(QCustomPlot::rpImmediateRefresh);
    charted = dock.comparison();
    const QPoint inWindow = medianPointOfMiddleBin(*plot, charted->analyses()[0].latencyOverTime, &bin);
    ASSERT_FALSE(inWindow.isNull());
    QTest::mouseClick(plot, Qt::LeftButton, Qt::NoModifier, inWindow);
    ASSERT_NE(activated, kNoRequest);
    EXPECT_EQ(ctx.selectedRequest(), activated);
    EXPECT_GE(t.submitNs()[activated], from);
    EXPECT_LT(t.submitNs()[activated], to);
    EXPECT_EQ(ctx.windowStart(), from);
    EXPECT_EQ(ctx.windowEnd(), to);
    EXPECT_FALSE(dock.isRebuildPending());
    dock.setWindowOnly(false);
}
