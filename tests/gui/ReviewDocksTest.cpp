#include "SyntheticRun.h"
#include "charts/TextTableModel.h"
#include "gui/annotations/AnnotationsDock.h"
#include "gui/annotations/AnnotationsModel.h"
#include "ChartsDockWait.h"
#include "gui/charts/ChartsDock.h"
#include "gui/charts/ComparisonView.h"
#include "gui/matrix/LeakMatrixDock.h"
#include "gui/matrix/LeakMatrixModel.h"
#include "store/SessionStore.h"

#include <QAbstractItemModelTester>
#include <QTabWidget>
#include <QTemporaryDir>
#include <gtest/gtest.h>
#include <qcustomplot.h>

using namespace aioscope;
using aioscope::testing::SyntheticDesign;

namespace {
std::shared_ptr<const Session> sampleSession() {
    auto r = aioscope::testing::makeSyntheticRun(
        {{"pool", SyntheticDesign::Distribution::Exponential, 30000, 0, 3000, 4096, true, 30},
         {"io_uring", SyntheticDesign::Distribution::Uniform, 3000, 15000, 2000},
         {"sync", SyntheticDesign::Distribution::Uniform, 1000, 9000, 1000}},
        77);
    auto s = std::make_shared<Session>();
    s->runs.push_back(std::move(r.run));
    s->matrices.push_back({"6.18.0-test", true, "2026-11-25T12:00:00Z",
                           {{"pool", "fsuid", ProbeVerdict::Leak, "65534", "0", "file owned by root", "", "ev-pool"},
                            {"pool", "nice", ProbeVerdict::Leak, "19", "0", "executor nice 0", "", ""},
                            {"io_uring", "fsuid", ProbeVerdict::Carried, "65534", "65534", "EACCES", "", ""},
                            {"io_uring", "nice", ProbeVerdict::NotObservable, "", "", "", "io thread", ""}}});
    return s;
}
} // namespace

TEST(ChartsDock, OverlaysSelectedDesignsInEveryChartAndComparesThem) {
    aioscope::gui::ChartsDock dock(nullptr);
    dock.setSession(sampleSession());
    aioscope::testing::waitForCharts(dock);
    EXPECT_EQ(dock.plot("latency-histogram")->graphCount(), 3);
    EXPECT_EQ(dock.plot("throughput")->graphCount(), 3);
    EXPECT_EQ(dock.percentileModel()->rowCount(), 3);
    ASSERT_NE(dock.comparison(), nullptr);
    EXPECT_EQ(dock.comparison()->analyses().size(), 3u);

    dock.setSelectedDesigns({{0, "sync"}});
    aioscope::testing::waitForCharts(dock);
    EXPECT_EQ(dock.plot("latency-histogram")->graphCount(), 1);
    EXPECT_EQ(dock.plot("latency-histogram")->graph(0)->name(), "sync");
    EXPECT_EQ(dock.percentileModel()->rowCount(), 1);

    dock.setSelectedDesigns({{0, "pool"}, {0, "io_uring"}});
    aioscope::testing::waitForCharts(dock);
    auto* view = dock.comparisonView();
    QAbstractItemModelTester summaryTester(view->summaryModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester diffTester(view->differenceModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    EXPECT_EQ(view->summaryModel()->rowCount(), 2);
    view->setPair(0, 1);
    EXPECT_EQ(view->differenceModel()->index(0, 1).data().toString(), "3000");
    EXPECT_EQ(view->differenceModel()->index(0, 2).data().toString(), "2000");

    dock.setSession(nullptr);
    EXPECT_EQ(dock.plot("latency-cdf")->graphCount(), 0);
}

TEST(LeakMatrixModel, JoinsProbeVerdictsWithTheRunsLeakingRequests) {
    auto session = sampleSession();
    aioscope::gui::LeakMatrixModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setSession(session.get(), 0);
    ASSERT_EQ(model.rowCount(), 2);    // pool, io_uring
    ASSERT_EQ(model.columnCount(), 2); // fsuid, nice
    EXPECT_EQ(model.headerData(0, Qt::Vertical).toString(), "pool");
    EXPECT_EQ(model.headerData(0, Qt::Horizontal).toString(), "fsuid");
    const QModelIndex poolFsuid = model.index(0, 0);
    EXPECT_EQ(poolFsuid.data().toString(), "leak · run: 100 leak"); // every 30th of 3000
    EXPECT_EQ(model.requestsAt(poolFsuid).size(), 100u);
    EXPECT_TRUE(poolFsuid.data(Qt::ToolTipRole).toString().contains("ev-pool"));
    EXPECT_TRUE(poolFsuid.data(Qt::ToolTipRole).toString().contains("submitter: 65534"));
    EXPECT_EQ(model.index(1, 0).data().toString(), "carried");
    EXPECT_TRUE(model.requestsAt(model.index(1, 0)).empty());
    EXPECT_EQ(model.index(1, 1).data(aioscope::gui::LeakMatrixModel::VerdictRole).toString(), "not observable");
    model.setSession(nullptr, -1);
    EXPECT_EQ(model.rowCount(), 0);
}

TEST(LeakMatrixDock, ClickReportsTheRequestsInvolved) {
    aioscope::gui::LeakMatrixDock dock(nullptr);
    dock.setSession(sampleSession(), 0);
    std::vector<unsigned> got;
    QObject::connect(&dock, &aioscope::gui::LeakMatrixDock::requestsActivated, [&](std::vector<unsigned> ids) { got = ids; });
    emit dock.view()->clicked(dock.model()->index(0, 0));
    ASSERT_EQ(got.size(), 100u);
    EXPECT_EQ(got.front(), 0u); // request 0 is the first leaking one
}

TEST(AnnotationsDock, NotesPersistInTheSessionFileAndNavigate) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath("notes.aioscope");
    auto session = sampleSession();
    ASSERT_TRUE(store::SessionStore::save(*session, path.toStdString()).ok());

    aioscope::gui::AnnotationsDock dock(nullptr);
    QAbstractItemModelTester tester(dock.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    dock.setSession(session, path);
    EXPECT_EQ(dock.model()->rowCount(), 0);
    const TimeNs t0 = session->runs[0].startNs();
    Annotation late;
    late.startNs = t0 + 20'000'000;
    late.endNs = t0 + 30'000'000;
    late.text = "io_uring tail";
    Annotation early;
    early.startNs = t0 + 1'000;
    early.bookmark = true;
    early.text = "first leak";
    early.author = "alice";
    EXPECT_EQ(dock.addAnnotation(late), QString());
    EXPECT_EQ(dock.addAnnotation(early), QString());
    ASSERT_EQ(dock.model()->rowCount(), 2);
    EXPECT_EQ(dock.model()->at(0)->text, "first leak"); // time order
    EXPECT_EQ(dock.model()->index(0, 0).data().toString(), "bookmark");
    EXPECT_EQ(dock.model()->index(1, 1).data().toString(), "20.0 ms"); // a few digits in the natural unit
    EXPECT_FALSE(dock.model()->at(1)->author.empty()); // from settings or $USER
    EXPECT_NE(dock.model()->at(1)->id, 0);

    EXPECT_EQ(dock.updateText(1, "io_uring tail (p99.9)"), QString());
    auto stored = store::SessionStore::loadAnnotations(path.toStdString());
    ASSERT_TRUE(stored.ok());
    ASSERT_EQ(stored->size(), 2u);
    bool sawEdit = false;
    for (const auto& a : *stored)
        sawEdit |= a.text == "io_uring tail (p99.9)";
    EXPECT_TRUE(sawEdit);

    TimeNs navStart = 0, navEnd = 0;
    QObject::connect(&dock, &aioscope::gui::AnnotationsDock::navigated, [&](std::uint32_t, TimeNs s, TimeNs e) {
        navStart = s;
        navEnd = e;
    });
    dock.navigateTo(1);
    EXPECT_EQ(navStart, late.startNs);
    EXPECT_EQ(navEnd, late.endNs);

    EXPECT_EQ(dock.removeRow(0), QString());
    EXPECT_EQ(dock.model()->rowCount(), 1);
    // A fresh dock on the same file sees what was kept.
    aioscope::gui::AnnotationsDock again(nullptr);
    again.setSession(session, path);
    ASSERT_EQ(again.model()->rowCount(), 1);
    EXPECT_EQ(again.model()->at(0)->text, "io_uring tail (p99.9)");
}
