// What a class sees first, offscreen on a 1280x720 screen: each sample trace
// opens on its requests (all of them in view, the view at most twice their
// busy span) with the lanes that did the I/O on top; play starts at the
// view's left edge and plays the view in about ten seconds; the main window
// and every dock tab fit the screen.
#include "GuiTestSupport.h"

#include "gui/DocumentContext.h"
#include "gui/MainWindow.h"
#include "gui/models/TaskListModel.h"
#include "gui/timeline/HandOffMoment.h"
#include "gui/timeline/Playback.h"
#include "gui/timeline/PlaybackBar.h"
#include "gui/timeline/TimelineBins.h"
#include "gui/timeline/TimelineIndex.h"
#include "gui/timeline/TimelinePainter.h"
#include "gui/timeline/TimelineView.h"
#include "model/Run.h"

#include <QApplication>
#include <QComboBox>
#include <QDebug>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QTabBar>
#include <QTemporaryDir>
#include <QHeaderView>
#include <QScrollBar>
#include <QTableView>
#include <QTest>

#include <cstdio>

using namespace aioscope;
using namespace aioscope::gui;

namespace {
// The requests a trace was recorded for, read independently of the GUI's
// RunFocus: every request not of the block layer (which also holds the
// machine's background write-back), or all of them if that is all there is.
std::vector<RequestId> tracedRequests(const Run& run) {
    std::vector<RequestId> all, traced;
    for (RequestId id = 0; id < run.requests.size(); ++id) {
        all.push_back(id);
        if (run.strings.view(run.requests.get(id).design) != "block")
            traced.push_back(id);
    }
    return traced.empty() ? all : traced;
}
} // namespace

class FirstViewTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void eachSampleOpensOnItsRequests_data();
    void eachSampleOpensOnItsRequests();
    void playStartsAtTheLeftEdgeOfTheView();
    void aPausedHandOffShowsItsTokenMidArrow();
    void theWindowFitsA720pScreen();
    void tasksDockShowsItsCountsAt1280x720();

private:
    QTemporaryDir settings_;
};

void FirstViewTest::initTestCase() {
    QVERIFY(settings_.isValid());
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settings_.path());
    QCOMPARE(QGuiApplication::primaryScreen()->geometry().size(), QSize(1280, 720));
}

void FirstViewTest::eachSampleOpensOnItsRequests_data() {
    QTest::addColumn<QString>("path");
    const auto traces = guitest::sampleTraces();
    QVERIFY2(!traces.isEmpty(), "traces/ holds no sample trace");
    for (const QString& t : traces)
        if (t.endsWith(QLatin1String(".dat")))
            QTest::newRow(qPrintable(QFileInfo(t).fileName())) << t;
}

void FirstViewTest::eachSampleOpensOnItsRequests() {
    QFETCH(QString, path);
    DocumentContext context;
    TimelineView view(&context);
    view.resize(1100, 500);
    QString message;
    QVERIFY2(guitest::openAndWait(context, &view, path, &message), qPrintable(message));
    const Run& run = *context.run();
    const auto traced = tracedRequests(run);
    QVERIFY(!traced.empty());
    // The main burst: split where nothing happens for a fifth of the span;
    // it must hold nearly all the traced requests (a few set-up reads of
    // fio, long before its I/O, may fall outside the first view).
    TimeNs first = kNoTime, last = kNoTime;
    for (RequestId id : traced) {
        const Request r = run.requests.get(id);
        first = first == kNoTime ? r.submitNs : std::min(first, r.submitNs);
        last = std::max(last == kNoTime ? r.submitNs : last, r.completeNs == kNoTime ? r.submitNs : r.completeNs);
    }
    std::vector<std::vector<RequestId>> bursts;
    TimeNs burstEnd = kNoTime;
    for (RequestId id : traced) {
        const Request r = run.requests.get(id);
        if (bursts.empty() || r.submitNs > burstEnd + (last - first) / 5)
            bursts.emplace_back();
        bursts.back().push_back(id);
        const TimeNs end = r.completeNs == kNoTime ? r.submitNs : std::max(r.completeNs, r.submitNs);
        burstEnd = bursts.back().size() == 1 ? end : std::max(burstEnd, end);
    }
    std::vector<RequestId> main = bursts.front();
    for (const auto& b : bursts)
        if (b.size() > main.size())
            main = b;
    if (main.size() * 100 < traced.size() * 90)
        main = traced;
    QVERIFY2(
        traced.size() - main.size() <= 4,
        qPrintable(
            QStringLiteral("only %1 of %2 traced requests in the main burst").arg(main.size()).arg(traced.size())));
    first = last = kNoTime;
    for (RequestId id : main) {
        const Request r = run.requests.get(id);
        const TimeNs end = r.completeNs == kNoTime ? r.submitNs : std::max(r.completeNs, r.submitNs);
        first = first == kNoTime ? r.submitNs : std::min(first, r.submitNs);
        last = last == kNoTime ? end : std::max(last, end);
    }
    const TimeNs busy = std::max<TimeNs>(last - first, 1);
    const TimeNs t0 = context.windowStart(), t1 = context.windowEnd();
    QVERIFY2(
        t0 <= first && t1 >= last,
        qPrintable(QStringLiteral("view [%1, %2] misses requests in [%3, %4]").arg(t0).arg(t1).arg(first).arg(last)));
    QVERIFY2(t1 - t0 <= 2 * busy + 2000,
             qPrintable(QStringLiteral("view spans %1 ns, the busy span %2 ns").arg(t1 - t0).arg(busy)));
    // The lanes of the traced I/O come first: the top lane submitted one of them.
    const auto& layout = view.index()->layout;
    QVERIFY(layout.count() > 0);
    const TaskId top = layout.lane(0).task;
    bool submittedTraced = false;
    for (RequestId id : traced)
        submittedTraced |= run.requests.submitter()[id] == top;
    QVERIFY2(submittedTraced, qPrintable(layout.lane(0).label + QStringLiteral(" is on top but submitted none")));
    // No lane is a made-up tid: an executor the trace did not name says so.
    for (const auto& lane : layout.lanes())
        QVERIFY2(!lane.label.endsWith(QLatin1String(" -1")), qPrintable(lane.label));
    // Tasks without traced I/O are folded behind one header, and unfold on demand.
    if (layout.headerLane() >= 0) {
        const int folded = layout.count();
        for (int i = layout.headerLane() + 1; i < layout.count(); ++i)
            QVERIFY(!layout.lane(i).idle);
        view.setIdleLanesShown(true);
        QVERIFY(guitest::waitForIndex(view));
        QCOMPARE(view.index()->layout.count(), folded + view.index()->layout.idleCount());
    }
}

void FirstViewTest::playStartsAtTheLeftEdgeOfTheView() {
    MainWindow window;
    window.show();
    QString message;
    const QString trace = QStringLiteral(AIOSCOPE_SOURCE_DIR "/traces/io_uring-buffered-write.dat");
    QVERIFY2(guitest::openAndWait(*window.context(), window.timeline(), trace, &message), qPrintable(message));
    DocumentContext* ctx = window.context();
    // Zoom into the middle third: play must start there, not at the run's start.
    const TimeNs a = ctx->windowStart(), b = ctx->windowEnd();
    const TimeNs from = a + (b - a) / 3, to = a + 2 * (b - a) / 3;
    ctx->setTimeWindow(from, to);
    QElapsedTimer clock;
    clock.start();
    ctx->play();
    QVERIFY(ctx->isPlaying());
    QVERIFY(ctx->playbackTime() >= from);
    const double expectedSpeed = static_cast<double>(to - from) / (Playback::kWindowSeconds * 1e9);
    QVERIFY2(std::abs(ctx->playbackSpeed() - expectedSpeed) < expectedSpeed * 1e-6,
             qPrintable(QStringLiteral("speed %1, expected %2").arg(ctx->playbackSpeed()).arg(expectedSpeed)));
    QTest::qWait(300);
    const TimeNs now = ctx->playbackTime();
    const double elapsedNs = static_cast<double>(clock.nsecsElapsed());
    QVERIFY(now > from);
    // It moved from the left edge at that speed: never further than the
    // time that really passed allows (a loaded machine only makes it lag).
    const double allowed = expectedSpeed * elapsedNs * 1.05 + expectedSpeed * 50e6;
    QVERIFY2(static_cast<double>(now - from) <= allowed,
             qPrintable(QStringLiteral("after %1 ms playback is %2 ns into a %3 ns window (at most %4)")
                            .arg(elapsedNs / 1e6)
                            .arg(now - from)
                            .arg(to - from)
                            .arg(allowed)));
    // The speed box says the speed in use.
    auto* bar = window.findChild<PlaybackBar*>();
    QVERIFY(bar);
    QVERIFY2(bar->speedBox()->currentText().contains(QStringLiteral("/s")), qPrintable(bar->speedBox()->currentText()));
    ctx->pause();
}

// The frame --playback-handoff screenshots: paused half-way through the
// longest wait between a hand-off and its execution start, the token is on
// the arrow between the submitter's lane and the executor's.
void FirstViewTest::aPausedHandOffShowsItsTokenMidArrow() {
    DocumentContext ctx;
    TimelineView view(&ctx);
    view.resize(1280, 520);
    QString message;
    QVERIFY2(guitest::openAndWait(ctx, &view, QStringLiteral(AIOSCOPE_SOURCE_DIR "/traces/io_uring-force-async.dat"),
                                  &message),
             qPrintable(message));
    const Run& run = *ctx.run();
    const auto m = HandOffMoment::find(run);
    QVERIFY(m);
    QVERIFY(run.requests.flags()[m->request] & kRequestHandOff);
    QVERIFY(m->executor != m->submitter);
    QVERIFY(m->leftAt < m->playback && m->playback < m->startedAt);
    QVERIFY(m->windowStart < m->leftAt && m->startedAt < m->windowEnd);
    // No other hand-off waited longer.
    for (RequestId id = 0; id < run.requests.size(); ++id) {
        const Request r = run.requests.get(id);
        for (const ExecSegment& s : run.segmentsOf(id))
            if (s.task != r.submitter) {
                const TimeNs left = r.queuedNs != kNoTime ? r.queuedNs : r.submitEndNs;
                QVERIFY(s.startNs - left <= m->startedAt - m->leftAt);
                break;
            }
    }
    ctx.setTimeWindow(m->windowStart, m->windowEnd);
    ctx.setPlaybackTime(m->playback);
    QVERIFY(!ctx.isPlaying());
    const QSize size = view.size();
    const QImage image = view.renderImage(size, false);
    TimelineBins bins;
    const auto scene = view.scene(size, false, &bins);
    const auto& g = scene.geometry;
    const int sub = view.index()->layout.indexOfTask(m->submitter);
    const int exe = view.index()->layout.indexOfTask(m->executor);
    QVERIFY(sub >= 0 && exe >= 0 && sub != exe);
    QVERIFY(exe < g.visibleLanes());
    // Half-way along the arrow: between the two lanes, a little right of the playback line.
    const double x = TimelinePainter::xOf(scene, m->playback);
    const double y = (g.spanTop(sub) + g.spanHeight() / 2.0 + g.segmentTop(exe) + g.segmentHeight() / 2.0) / 2.0;
    const QColor token = image.pixelColor(static_cast<int>(x) + 3, static_cast<int>(y));
    const bool leak = run.requests.flags()[m->request] & kRequestLeak;
    const QColor expected = leak ? scene.colors.leak : scene.colors.playback;
    QVERIFY2(std::abs(token.red() - expected.red()) < 40 && std::abs(token.green() - expected.green()) < 40 &&
                 std::abs(token.blue() - expected.blue()) < 40,
             qPrintable(QStringLiteral("at %1,%2: %3, expected the token's %4")
                            .arg(x + 3).arg(y).arg(token.name(), expected.name())));
}

void FirstViewTest::theWindowFitsA720pScreen() {
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QString message;
    const QString trace = QStringLiteral(AIOSCOPE_SOURCE_DIR "/traces/io_uring-buffered-write.dat");
    QVERIFY2(guitest::openAndWait(*window.context(), window.timeline(), trace, &message), qPrintable(message));
    QTest::qWait(100);
    const QRect avail = window.screen()->availableGeometry();
    QVERIFY2(avail.contains(window.frameGeometry()), qPrintable(QStringLiteral("window %1x%2+%3+%4 on a %5x%6 screen")
                                                                    .arg(window.frameGeometry().width())
                                                                    .arg(window.frameGeometry().height())
                                                                    .arg(window.frameGeometry().x())
                                                                    .arg(window.frameGeometry().y())
                                                                    .arg(avail.width())
                                                                    .arg(avail.height())));
    const QRect inside = window.rect();
    QVERIFY(window.statusBar()->isVisible());
    QVERIFY(inside.contains(QRect(window.statusBar()->mapTo(&window, QPoint(0, 0)), window.statusBar()->size())));
    // Every dock is on screen, or a tab of a tab bar that is.
    QStringList unreachable;
    const auto bars = window.findChildren<QTabBar*>();
    for (QDockWidget* dock : window.findChildren<QDockWidget*>()) {
        if (dock->isHidden() && dock->objectName() == QLatin1String("TitleCardDock"))
            continue; // presenter mode's slide
        if (dock->isVisible() && !dock->visibleRegion().isEmpty() &&
            inside.contains(QRect(dock->mapTo(&window, QPoint(0, 0)), dock->size())))
            continue;
        bool tabbed = false;
        for (QTabBar* bar : bars) {
            if (!bar->isVisible() || !inside.contains(QRect(bar->mapTo(&window, QPoint(0, 0)), bar->size())))
                continue;
            for (int i = 0; i < bar->count(); ++i)
                if (bar->tabText(i) == dock->windowTitle()) {
                    const QRect tab = bar->tabRect(i).translated(bar->mapTo(&window, QPoint(0, 0)));
                    tabbed |= inside.contains(tab) || bar->property("usesScrollButtons").toBool();
                }
        }
        if (!tabbed)
            unreachable << dock->windowTitle();
    }
    QVERIFY2(unreachable.isEmpty(), qPrintable(unreachable.join(QStringLiteral(", "))));
}

void FirstViewTest::tasksDockShowsItsCountsAt1280x720() {
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QString message;
    QVERIFY2(guitest::openAndWait(*window.context(), window.timeline(),
                                  QStringLiteral(AIOSCOPE_SOURCE_DIR "/traces/libaio-direct.dat"), &message),
             qPrintable(message));
    auto* dock = window.findChild<QDockWidget*>(QStringLiteral("TasksDock"));
    QVERIFY(dock);
    dock->raise();
    auto* view = dock->findChild<QTableView*>(QStringLiteral("tasksView"));
    QVERIFY(view);
    QTest::qWait(50);
    QCoreApplication::processEvents();
    QVERIFY(view->isVisible());
    // No sort indicator: the first view is the timeline's order.
    QCOMPARE(view->horizontalHeader()->sortIndicatorSection(), -1);
    QVERIFY(view->model()->rowCount() > 5);
    QCOMPARE(view->model()->index(0, TaskListModel::Comm).data().toString(), QStringLiteral("fio"));
    // The counts (submitted, ran for others, leaks) end inside the viewport: no scrolling to read them.
    const QHeaderView* header = view->horizontalHeader();
    const int countsEnd =
        header->sectionViewportPosition(TaskListModel::Leaks) + header->sectionSize(TaskListModel::Leaks);
    QVERIFY2(countsEnd <= view->viewport()->width(),
             qPrintable(
                 QStringLiteral("counts end at %1 px, viewport %2 px").arg(countsEnd).arg(view->viewport()->width())));
    QCOMPARE(view->horizontalScrollBar()->value(), 0);
}

int main(int argc, char** argv) {
    // One 1280x720 screen: what a classroom projector gives.
    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("screen.json"));
    if (FILE* f = std::fopen(config.toLocal8Bit().constData(), "w")) {
        std::fputs(
            R"({"screens": [{"name": "projector", "x": 0, "y": 0, "width": 1280, "height": 720, "logicalDpi": 96}]})",
            f);
        std::fclose(f);
    }
    qputenv("QT_QPA_PLATFORM", QByteArray("offscreen:configfile=") + config.toLocal8Bit());
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("aioscope-test"));
    QApplication::setApplicationName(QStringLiteral("first-view-test"));
    FirstViewTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "FirstViewTest.moc"
