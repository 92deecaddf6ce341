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

QTEST_MAIN(EngineRunTest)
#include "EngineRunTest.moc"
