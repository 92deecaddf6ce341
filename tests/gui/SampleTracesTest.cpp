// Opens every sample trace in traces/ and a saved session through the real
// loader (worker thread) and checks that the view shows what the model holds:
// one lane per task with submitters first, every request, every leak.
#include "GuiTestSupport.h"

#include "gui/DocumentContext.h"
#include "gui/document/DocumentSources.h"
#include "gui/models/RequestTableModel.h"
#include "gui/models/TaskListModel.h"
#include "gui/timeline/TimelineIndex.h"
#include "gui/timeline/TimelineView.h"
#include "model/Run.h"

#include <QAbstractItemModelTester>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace aioscope;
using namespace aioscope::gui;

class SampleTracesTest : public QObject {
    Q_OBJECT
private slots:
    void eachSampleTrace_data();
    void eachSampleTrace();
    void savedSession();
    void unreadableFileSaysWhy();

private:
    static void checkViewMatchesModel(DocumentContext& context, TimelineView& view);
};

void SampleTracesTest::checkViewMatchesModel(DocumentContext& context, TimelineView& view) {
    const Run& run = *context.run();
    const auto& layout = view.index()->layout;
    // One lane per task, except the tasks folded behind the group header.
    const int header = layout.headerLane() >= 0 ? 1 : 0;
    const int shown = layout.idleShown() ? 0 : layout.idleCount();
    QCOMPARE(view.laneCount() - header + shown, static_cast<int>(run.tasks.size()));
    // Submitters first; the header (if any) after every lane of the I/O.
    bool pastSubmitters = false;
    for (int i = 0; i < layout.count(); ++i) {
        const auto& lane = layout.lane(i);
        if (lane.header) {
            QCOMPARE(i, layout.headerLane());
            pastSubmitters = true;
        } else if (lane.submitter) {
            QVERIFY2(!pastSubmitters || lane.depth == 0, "a submitter lane after a non-submitter, non-worker lane");
            QVERIFY2(!lane.idle, "a submitter in the folded group");
        } else if (!lane.worker) {
            pastSubmitters = true;
        }
        if (i > layout.headerLane() && layout.headerLane() >= 0)
            QVERIFY(lane.idle);
    }
    // Every task that submitted a request has a lane on top or is in the group.
    for (const auto& lane : layout.lanes())
        if (!lane.header && lane.task >= run.tasks.size())
            QFAIL("a lane of no task");
    // Workers come right after a submitter or another worker.
    for (int i = 0; i < layout.count(); ++i)
        if (layout.lane(i).worker) {
            QVERIFY(i > 0);
            QVERIFY(layout.lane(i - 1).submitter || layout.lane(i - 1).worker || layout.lane(i - 1).depth == 0);
        }
    // Every request visible, every leak marked.
    QCOMPARE(view.visibleRequests().size(), run.requests.size());
    QCOMPARE(view.leakMarksInView(), guitest::leakingRequests(run));
    RequestTableModel table(&context);
    TaskListModel tasks(&context);
    QAbstractItemModelTester t1(&table, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(&tasks, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(table.rowCount(), static_cast<int>(run.requests.size()));
    QCOMPARE(tasks.rowCount(), static_cast<int>(run.tasks.size()));
    // The rendered image is not blank when there are requests.
    const QImage image = view.renderImage(QSize(1600, 600));
    QVERIFY(!image.isNull());
    // Playback halfway shows exactly the requests submitted by then.
    if (!run.requests.empty()) {
        const TimeNs mid = run.requests.submitNs()[run.requests.size() / 2];
        context.setPlaybackTime(mid);
        std::size_t expected = 0;
        for (TimeNs t : run.requests.submitNs())
            expected += t <= mid;
        QCOMPARE(view.visibleRequests().size(), expected);
        QCOMPARE(table.rowCount(), static_cast<int>(expected));
        context.setPlaybackTime(kNoTime);
    }
}

void SampleTracesTest::eachSampleTrace_data() {
    QTest::addColumn<QString>("path");
    const auto traces = guitest::sampleTraces();
    if (traces.isEmpty())
        QSKIP("traces/ holds no sample trace");
    for (const QString& t : traces)
        QTest::newRow(qPrintable(QFileInfo(t).fileName())) << t;
}

void SampleTracesTest::eachSampleTrace() {
    QFETCH(QString, path);
    DocumentContext context;
    TimelineView view(&context);
    view.resize(1600, 800);
    QString message;
    QVERIFY2(guitest::openAndWait(context, &view, path, &message), qPrintable(message));
    QVERIFY(context.run());
    QVERIFY2(context.run()->requests.size() > 0, "a sample trace with no request");
    checkViewMatchesModel(context, view);
    if (QFileInfo(path).fileName().startsWith(QLatin1String("io_uring-force-async"))) {
        QVERIFY2(context.run()->handOffCount() > 0, "force-async requests must run on iou-wrk");
        bool workerLane = false;
        for (const auto& lane : view.index()->layout.lanes())
            workerLane |= lane.worker;
        QVERIFY(workerLane);
    }
}

void SampleTracesTest::savedSession() {
    const QString trace = QStringLiteral(AIOSCOPE_SOURCE_DIR "/traces/io_uring-sigxfsz.dat");
    if (!QFileInfo::exists(trace))
        QSKIP("traces/io_uring-sigxfsz.dat is missing");
    DocumentContext fromTrace;
    QString message;
    QVERIFY2(guitest::openAndWait(fromTrace, nullptr, trace, &message), qPrintable(message));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("saved.aioscope"));
    auto saved = DocumentSources::save(*fromTrace.session(), path.toStdString());
    QVERIFY2(saved.ok(), saved.ok() ? "" : saved.error().message.c_str());

    DocumentContext context;
    TimelineView view(&context);
    QVERIFY2(guitest::openAndWait(context, &view, path, &message), qPrintable(message));
    QCOMPARE(context.documentPath(), path);
    QCOMPARE(context.run()->requests.size(), fromTrace.run()->requests.size());
    QCOMPARE(context.run()->tasks.size(), fromTrace.run()->tasks.size());
    QCOMPARE(context.run()->leakCount(), fromTrace.run()->leakCount());
    checkViewMatchesModel(context, view);
}

void SampleTracesTest::unreadableFileSaysWhy() {
    DocumentContext context;
    QString message;
    QVERIFY(!guitest::openAndWait(context, nullptr, QStringLiteral("/nonexistent/trace.dat"), &message));
    QVERIFY2(message.contains(QLatin1String("/nonexistent/trace.dat")), qPrintable(message));
    QVERIFY(!context.run());
}

QTEST_MAIN(SampleTracesTest)
#include "SampleTracesTest.moc"
