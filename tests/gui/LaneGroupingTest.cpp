// How the timeline and the Tasks dock order and group tasks: threads that ran
// others' requests sit under the submitter Task::served names (never by their
// name), the fold of the tasks without I/O is one state for the header lane
// and the View menu, and the Tasks dock lists tasks in lane order.
#include "GuiTestSupport.h"

#include "gui/DocumentContext.h"
#include "gui/MainWindow.h"
#include "gui/models/TaskListModel.h"
#include "gui/timeline/LaneLayout.h"
#include "gui/timeline/TimelineGeometry.h"
#include "gui/timeline/TimelineIndex.h"
#include "gui/timeline/TimelineView.h"
#include "model/Run.h"
#include "model/Session.h"

#include <QAction>
#include <QDockWidget>
#include <QHeaderView>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTest>

using namespace aioscope;
using namespace aioscope::gui;

namespace {

// Two submitters (tids 100 and 200), a thread named like the SQPOLL thread of
// 100 that runs only 200's requests, an io worker of 200, and two idle tasks.
Run servedRun() {
    Run run;
    run.kind = RunKind::TraceImport;
    run.name = "served";
    auto task = [&](std::int32_t tid, std::int32_t pid, const char* comm) {
        Task t;
        t.tid = tid;
        t.pid = pid;
        t.comm = run.strings.intern(comm);
        t.firstSeenNs = 0;
        t.lastSeenNs = 10'000'000;
        return run.addTask(t);
    };
    const TaskId a = task(100, 100, "app-a");
    const TaskId b = task(200, 200, "app-b");
    const TaskId bait = task(101, 100, "iou-sqp-100");
    const TaskId idle1 = task(5, 5, "bash");
    const TaskId worker = task(201, 200, "iou-wrk-200");
    task(6, 6, "date");
    for (int i = 0; i < 20; ++i) {
        Request r;
        r.design = run.strings.intern("io_uring");
        r.source = RequestSource::IoUring;
        r.op = IoOp::Read;
        r.submitter = i % 2 ? b : a;
        r.submitNs = 1'000 + i * 100'000 + (i % 2 ? 0 : 50'000); // a submits first
        r.submitEndNs = r.submitNs + 10;
        r.completeNs = r.submitNs + 40'000;
        const RequestId id = run.addRequest(r);
        const TaskId executor = i % 2 ? (i % 4 == 1 ? bait : worker) : a;
        run.addSegment(id, executor, r.submitNs + 1'000, r.completeNs - 1'000);
    }
    (void)idle1;
    run.finalize();
    return run;
}

int laneOf(const LaneLayout& layout, const Run& run, std::string_view comm) {
    for (int i = 0; i < layout.count(); ++i)
        if (layout.lane(i).task < run.tasks.size() && run.strings.view(run.tasks[layout.lane(i).task].comm) == comm)
            return i;
    return -1;
}

} // namespace

class LaneGroupingTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName(QStringLiteral("aioscope-test"));
        QCoreApplication::setApplicationName(QStringLiteral("aioscope-lane-grouping-test"));
    }
    void workersSitUnderTheSubmitterTheyServedNotTheirName();
    void sqpollThreadSitsUnderItsRingOnTheSampleTrace();
    void foldHeaderAndMenuShareOneState();
    void tasksDockFollowsLaneOrderAndSorts();
};

void LaneGroupingTest::workersSitUnderTheSubmitterTheyServedNotTheirName() {
    const Run run = servedRun();
    const LaneLayout layout = LaneLayout::build(run);
    const int a = laneOf(layout, run, "app-a"), b = laneOf(layout, run, "app-b");
    const int bait = laneOf(layout, run, "iou-sqp-100"), worker = laneOf(layout, run, "iou-wrk-200");
    QCOMPARE(a, 0); // first submit
    QCOMPARE(b, 1); // a has no thread that served it
    // The thread named after 100 ran only 200's requests: it is grouped under 200.
    QCOMPARE(run.tasks[layout.lane(bait).task].served, layout.lane(b).task);
    QCOMPARE(layout.lane(bait).servedSubmitter, layout.lane(b).task);
    QCOMPARE(layout.lane(bait).depth, 1);
    QVERIFY(bait == b + 1 || bait == b + 2);
    QVERIFY(worker == b + 1 || worker == b + 2);
    QCOMPARE(layout.lane(worker).servedSubmitter, layout.lane(b).task);
    QVERIFY(!layout.lane(bait).label.contains(QLatin1String("SQPOLL")));
    // The two idle tasks fold behind one header.
    QCOMPARE(layout.headerLane(), 4);
    QCOMPARE(layout.idleCount(), 2);
    QCOMPARE(layout.count(), 5);
}

void LaneGroupingTest::sqpollThreadSitsUnderItsRingOnTheSampleTrace() {
    for (const char* file : {"io_uring-sqpoll.txt", "io_uring-sqpoll.dat"}) {
        DocumentContext context;
        TimelineView view(&context);
        QString message;
        QVERIFY2(guitest::openAndWait(context, &view, QStringLiteral(AIOSCOPE_SOURCE_DIR "/traces/") + file, &message),
                 qPrintable(message));
        const Run& run = *context.run();
        const LaneLayout& layout = view.index()->layout;
        int sqp = -1;
        for (int i = 0; i < layout.count(); ++i)
            if (layout.lane(i).task < run.tasks.size() &&
                run.strings.view(run.tasks[layout.lane(i).task].comm).starts_with("iou-sqp-"))
                sqp = i;
        QVERIFY2(sqp > 0, file);
        const Task& thread = run.tasks[layout.lane(sqp).task];
        QVERIFY(thread.served < run.tasks.size());
        QCOMPARE(layout.lane(sqp).servedSubmitter, thread.served);
        QCOMPARE(layout.lane(sqp).depth, 1);
        // Its lane follows the submitter it served, with only that submitter's threads between.
        const int owner = layout.indexOfTask(thread.served);
        QVERIFY(owner >= 0 && owner < sqp);
        QVERIFY(layout.lane(owner).submitter);
        for (int i = owner + 1; i < sqp; ++i)
            QCOMPARE(layout.lane(i).servedSubmitter, thread.served);
        // The ring's owner is the fio thread the SQPOLL thread is named after.
        QCOMPARE(QStringLiteral("iou-sqp-%1").arg(run.tasks[thread.served].tid),
                 QString::fromUtf8(run.strings.view(thread.comm).data(),
                                   static_cast<qsizetype>(run.strings.view(thread.comm).size())));
    }
}

void LaneGroupingTest::foldHeaderAndMenuShareOneState() {
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    auto session = std::make_shared<Session>();
    session->runs.push_back(servedRun());
    window.context()->setSession(session);
    TimelineView* view = window.timeline();
    QVERIFY(guitest::waitForIndex(*view));
    auto* action = window.findChild<QAction*>(QStringLiteral("showIdleLanesAction"));
    QVERIFY(action);
    QVERIFY(!action->isChecked());
    QVERIFY(!view->idleLanesShown());
    const int header = view->index()->layout.headerLane();
    QVERIFY(header >= 0);

    // A click on the header lane unfolds the group and ticks the menu.
    TimelineGeometry g;
    const QPoint onHeader(g.labelWidth / 2, g.laneTop(header) + g.laneHeight / 2);
    QTest::mouseClick(view, Qt::LeftButton, {}, onHeader);
    QVERIFY(view->idleLanesShown());
    QVERIFY(action->isChecked());
    QVERIFY(guitest::waitForIndex(*view));
    QCOMPARE(view->laneCount(), 7);

    // The menu folds it again, and the header follows.
    action->trigger();
    QVERIFY(!action->isChecked());
    QVERIFY(!view->idleLanesShown());
    QVERIFY(guitest::waitForIndex(*view));
    QCOMPARE(view->laneCount(), 5);
    QVERIFY(view->index()->layout.lane(header).label.startsWith(QStringLiteral("▸")));

    // And the header click works again after the menu was used.
    QTest::mouseClick(view, Qt::LeftButton, {}, onHeader);
    QVERIFY(action->isChecked());
    QVERIFY(guitest::waitForIndex(*view));
    QVERIFY(view->index()->layout.lane(header).label.startsWith(QStringLiteral("▾")));
}

void LaneGroupingTest::tasksDockFollowsLaneOrderAndSorts() {
    DocumentContext context;
    auto session = std::make_shared<Session>();
    session->runs.push_back(servedRun());
    context.setSession(session);
    TaskListModel tasks(&context);
    const Run& run = *context.run();
    QCOMPARE(tasks.rowCount(), static_cast<int>(run.tasks.size()));
    const LaneLayout layout = LaneLayout::build(run, true);
    QStringList comms;
    for (int row = 0; row < tasks.rowCount(); ++row)
        comms << tasks.index(row, TaskListModel::Comm).data().toString();
    // Submitters in lane order with their threads, the idle tasks last (not by tid: bash has tid 5).
    QCOMPARE(comms.mid(0, 2), QStringList({QStringLiteral("app-a"), QStringLiteral("app-b")}));
    QVERIFY(comms.indexOf(QStringLiteral("iou-sqp-100")) < 4);
    QVERIFY(comms.indexOf(QStringLiteral("iou-wrk-200")) < 4);
    QCOMPARE(comms.mid(4), QStringList({QStringLiteral("bash"), QStringLiteral("date")}));
    for (int row = 0, lane = 0; row < tasks.rowCount(); ++row, ++lane) {
        if (layout.lane(lane).header)
            ++lane;
        QCOMPARE(tasks.taskAt(row), layout.lane(lane).task);
    }

    // Sortable by column (numbers as numbers), and column -1 gives the lane order back.
    QSortFilterProxyModel sorted;
    sorted.setSourceModel(&tasks);
    sorted.sort(TaskListModel::Submitted, Qt::DescendingOrder);
    QCOMPARE(sorted.index(0, TaskListModel::Submitted).data().toULongLong(), 10ull);
    QCOMPARE(sorted.index(tasks.rowCount() - 1, TaskListModel::Submitted).data().toULongLong(), 0ull);
    sorted.sort(TaskListModel::Tid, Qt::AscendingOrder);
    QCOMPARE(sorted.index(0, TaskListModel::Comm).data().toString(), QStringLiteral("bash"));
    sorted.sort(-1);
    for (int row = 0; row < tasks.rowCount(); ++row)
        QCOMPARE(sorted.index(row, TaskListModel::Comm).data().toString(), comms[row]);
}

QTEST_MAIN(LaneGroupingTest)
#include "LaneGroupingTest.moc"
