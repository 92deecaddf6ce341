// An engine run started from the GUI's context: runs on a worker thread, each
// design's requests reach the document as soon as that design finishes, and
// the final session holds one run per design.
#include "GuiTestSupport.h"

#include "gui/DocumentContext.h"
#include "gui/document/DocumentSources.h"
#include "gui/timeline/TimelineView.h"
#include "model/Run.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace aioscope;
using namespace aioscope::gui;

namespace {
QString RequestDesign(const Run& run) {
    const auto v = run.strings.view(run.requests.design()[0]);
    return QString::fromUtf8(v.data(), static_cast<qsizetype>(v.size()));
}
} // namespace

class EngineRunTest : public QObject {
    Q_OBJECT
private slots:
    void designsStreamIntoTheTimeline();
    void ioUringAsyncRequestsRunOnIouWrkLanes();
};

void EngineRunTest::designsStreamIntoTheTimeline() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    DocumentContext context;
    TimelineView view(&context);
    EngineScenario scenario;
    scenario.directory = dir.path();
    scenario.designs = {QStringLiteral("sync"), QStringLiteral("io_uring-async")};
    scenario.workload = QStringLiteral("randwrite");
    scenario.requests = 64;
    scenario.fileSize = 1 << 20;
    scenario.queueDepth = 4;
    QSignalSpy documents(&context, &DocumentContext::documentChanged);
    QSignalSpy finished(&context, &DocumentContext::loadFinished);
    context.runEngineScenario(scenario);
    QVERIFY(context.isLoading());
    QVERIFY(finished.wait(120000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    // A partial document after the first design, then the final one.
    QVERIFY2(documents.count() >= 2, qPrintable(QString::number(documents.count())));
    QCOMPARE(context.session()->runs.size(), std::size_t{2});
    for (const auto& run : context.session()->runs)
        QCOMPARE(run.requests.size(), std::size_t{64});
    // Runs arrive in the order the designs ran.
    QCOMPARE(RequestDesign(context.session()->runs[0]), QStringLiteral("sync"));
    QCOMPARE(RequestDesign(context.session()->runs[1]), QStringLiteral("io_uring-async"));
    QVERIFY(guitest::waitForIndex(view));
    QCOMPARE(view.visibleRequests().size(), std::size_t{64});
    // The scratch folder is gone.
    QCOMPARE(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).size(), 0);
}

// The GUI's engine run records the kernel trace, as `aioscope run` does: the
// io_uring-async requests leave the submitter for the iou-wrk threads.
void EngineRunTest::ioUringAsyncRequestsRunOnIouWrkLanes() {
    if (const std::string why = DocumentSources::kernelTraceUnavailable(); !why.empty())
        QSKIP(qPrintable(QStringLiteral("needs tracefs (root): ") + QString::fromStdString(why)));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    DocumentContext context;
    EngineScenario scenario;
    scenario.directory = dir.path();
    scenario.designs = {QStringLiteral("io_uring-async")};
    scenario.workload = QStringLiteral("randwrite");
    scenario.requests = 2000;
    scenario.fileSize = 8 << 20;
    scenario.queueDepth = 8;
    QSignalSpy finished(&context, &DocumentContext::loadFinished);
    context.runEngineScenario(scenario);
    QVERIFY(finished.wait(120000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QCOMPARE(context.session()->runs.size(), std::size_t{1});
    const Run& run = context.session()->runs[0];
    QVERIFY2(run.metadata.count("kernel_trace"), "the run has no kernel trace");
    QVERIFY(!run.metadata.count("kernel_trace_unavailable"));
    QCOMPARE(run.requests.size(), std::size_t{2000});
    // At least 99% handed off, each to an iou-wrk thread with a segment on it.
    std::size_t onIouWrk = 0;
    for (RequestId id = 0; id < run.requests.size(); ++id) {
        if (!(run.requests.flags()[id] & kRequestHandOff))
            continue;
        const TaskId submitter = run.requests.submitter()[id];
        for (const ExecSegment& seg : run.segmentsOf(id))
            if (seg.task != submitter && run.strings.view(run.tasks[seg.task].comm).starts_with("iou-wrk")) {
                ++onIouWrk;
                break;
            }
    }
    QVERIFY2(onIouWrk * 100 >= run.requests.size() * 99,
             qPrintable(QStringLiteral("%1 of %2 requests on iou-wrk").arg(onIouWrk).arg(run.requests.size())));
    QCOMPARE(run.handOffCount(), onIouWrk);
    QVERIFY2(finished.first().at(1).toString().contains(QStringLiteral("hand-offs")),
             qPrintable(finished.first().at(1).toString()));
    QCOMPARE(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).size(), 0);
}

QTEST_MAIN(EngineRunTest)
#include "EngineRunTest.moc"
