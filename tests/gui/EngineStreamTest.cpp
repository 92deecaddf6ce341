// A running design's requests stream into the document while it runs (the
// engine's partial runs), and the final run replaces the growing one.
#include "gui/DocumentContext.h"
#include "gui/document/DocumentSources.h"
#include "model/Run.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <vector>

using namespace aioscope;
using namespace aioscope::gui;

class EngineStreamTest : public QObject {
    Q_OBJECT
private slots:
    void requestCountGrowsWhileTheDesignRuns();
};

void EngineStreamTest::requestCountGrowsWhileTheDesignRuns() {
    if (!DocumentSources::engineAvailable())
        QSKIP("this build has no engine");
    // A fast disk can finish a small run before two snapshots: grow the run
    // until it lasts long enough (nothing here asserts a duration).
    for (int requests : {40000, 200000, 1000000}) {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        DocumentContext context;
        EngineScenario scenario;
        scenario.directory = dir.path();
        scenario.designs = {QStringLiteral("sync")};
        scenario.workload = QStringLiteral("randwrite");
        scenario.requests = requests;
        scenario.fileSize = 8 << 20;
        scenario.queueDepth = 4;
        std::vector<std::size_t> counts; // the document's request count at each change before the end
        bool done = false;
        connect(&context, &DocumentContext::documentChanged, &context, [&] {
            if (!done && context.run())
                counts.push_back(context.run()->requests.size());
        });
        QSignalSpy finished(&context, &DocumentContext::loadFinished);
        connect(&context, &DocumentContext::loadFinished, &context, [&] { done = true; });
        context.runEngineScenario(scenario);
        QVERIFY(finished.wait(300000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        QVERIFY(context.session());
        QCOMPARE(context.session()->runs.size(), std::size_t{1});
        const std::size_t final = context.session()->runs[0].requests.size();
        QCOMPARE(final, static_cast<std::size_t>(requests));
        QCOMPARE(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).size(), 0);
        // Every document before the end held part of the run, never shrinking.
        for (std::size_t i = 0; i < counts.size(); ++i) {
            QVERIFY(counts[i] <= final);
            if (i > 0)
                QVERIFY2(counts[i] >= counts[i - 1], "a partial went backwards");
        }
        // Growth seen while the design ran: distinct counts strictly between
        // 0 and the final one (the document after the design equals the final).
        int grewWhileRunning = 0;
        std::size_t last = 0;
        for (std::size_t c : counts)
            if (c > last && c < final) {
                ++grewWhileRunning;
                last = c;
            }
        if (grewWhileRunning >= 2)
            return;
        qInfo("%d requests: %zu documents before the end, not enough growth; trying a longer run", requests,
              counts.size());
    }
    QFAIL("the document's request count never grew twice while a design ran");
}

QTEST_MAIN(EngineStreamTest)
#include "EngineStreamTest.moc"
