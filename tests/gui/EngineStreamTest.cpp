// A running design's requests stream into the document while it runs (the
// engine's partial runs), and the final run replaces the growing one.
#include "gui/DocumentContext.h"
#include "gui/document/DocumentSources.h"
#include "model/Run.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <string>
#include <vector>

using namespace aioscope;
using namespace aioscope::gui;

namespace {
// A small buffered randwrite run of `designs` in `dir`.
EngineScenario randwrite(const QString& dir, QStringList designs, int requests) {
    EngineScenario scenario;
    scenario.directory = dir;
    scenario.designs = std::move(designs);
    scenario.workload = QStringLiteral("randwrite");
    scenario.requests = requests;
    scenario.fileSize = 8 << 20;
    scenario.queueDepth = 4;
    return scenario;
}
} // namespace

class EngineStreamTest : public QObject {
    Q_OBJECT
private slots:
    void requestCountGrowsWhileTheDesignRuns();
    void viewFollowsTheSecondDesignWhileItRuns();
    void viewKeepsARunTheUserPicked();
    void finishedDesignsAreSharedNotCopied();
};

void EngineStreamTest::requestCountGrowsWhileTheDesignRuns() {
    // A fast disk can finish a small run before two snapshots: grow the run
    // until it lasts long enough (nothing here asserts a duration).
    for (int requests : {40000, 200000, 1000000}) {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        DocumentContext context;
        std::vector<std::size_t> counts; // the document's request count at each change before the end
        bool done = false;
        connect(&context, &DocumentContext::documentChanged, &context, [&] {
            if (!done && context.run())
                counts.push_back(context.run()->requests.size());
        });
        QSignalSpy finished(&context, &DocumentContext::loadFinished);
        connect(&context, &DocumentContext::loadFinished, &context, [&] { done = true; });
        context.runEngineScenario(randwrite(dir.path(), {QStringLiteral("sync")}, requests));
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

namespace {
// What the document showed at one change while a two-design run streamed in.
struct Shown {
    std::size_t runs = 0;
    int runIndex = -1;
    std::string runName;
    std::size_t requests = 0;
};
} // namespace

void EngineStreamTest::viewFollowsTheSecondDesignWhileItRuns() {
    // As above, a fast disk may finish the second design before a snapshot of
    // it arrives: grow the run until one does (nothing asserts a duration).
    for (int requests : {40000, 200000, 1000000}) {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        DocumentContext context;
        std::vector<Shown> shown;
        bool done = false;
        connect(&context, &DocumentContext::documentChanged, &context, [&] {
            if (!done && context.run())
                shown.push_back({context.session()->runs.size(), context.runIndex(), context.run()->name,
                                 context.run()->requests.size()});
        });
        QSignalSpy finished(&context, &DocumentContext::loadFinished);
        connect(&context, &DocumentContext::loadFinished, &context, [&] { done = true; });
        context.runEngineScenario(randwrite(dir.path(), {QStringLiteral("sync"), QStringLiteral("libaio")}, requests));
        QVERIFY(finished.wait(300000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        QCOMPARE(context.session()->runs.size(), std::size_t{2});
        const std::string second = context.session()->runs[1].name;
        QVERIFY2(second.find("libaio") != std::string::npos, second.c_str());
        // Whenever the growing second design was in the document, it was the run shown.
        bool sawSecondGrowing = false;
        for (const Shown& s : shown) {
            if (s.runs != 2)
                continue;
            QCOMPARE(s.runIndex, 1);
            QCOMPARE(s.runName, second);
            if (s.requests > 0 && s.requests < static_cast<std::size_t>(requests))
                sawSecondGrowing = true;
        }
        // The view stays on the design it followed when the run ends.
        QCOMPARE(context.runIndex(), 1);
        if (sawSecondGrowing)
            return;
        qInfo("%d requests per design: no snapshot of the second design while it ran; trying a longer run", requests);
    }
    QFAIL("no snapshot of the second design arrived while it ran");
}

void EngineStreamTest::viewKeepsARunTheUserPicked() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    DocumentContext context;
    bool picked = false, done = false;
    std::vector<int> afterPick; // run index at each change after the user's pick
    connect(&context, &DocumentContext::documentChanged, &context, [&] {
        if (done || !context.session())
            return;
        if (picked) {
            afterPick.push_back(context.runIndex());
        } else if (context.session()->runs.size() == 2) {
            // The user goes back to the first design while the second one runs.
            picked = true;
            context.setRunIndex(0);
        }
    });
    QSignalSpy finished(&context, &DocumentContext::loadFinished);
    connect(&context, &DocumentContext::loadFinished, &context, [&] { done = true; });
    context.runEngineScenario(randwrite(dir.path(), {QStringLiteral("sync"), QStringLiteral("libaio")}, 200000));
    QVERIFY(finished.wait(300000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    if (!picked)
        QSKIP("the second design finished before any snapshot of it (nothing to pick during the run)");
    for (int index : afterPick)
        QCOMPARE(index, 0);
    QCOMPARE(context.runIndex(), 0);
}

// Streaming hands the GUI immutable snapshots that share the runs they have
// in common: the first design's run is one object from the moment it is done
// to the final document, however many snapshots of the second design came.
void EngineStreamTest::finishedDesignsAreSharedNotCopied() {
    for (int requests : {40000, 200000, 1000000}) {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        DocumentContext context;
        std::vector<const Run*> firstRun; // runs[0] of every snapshot holding both designs
        bool done = false;
        connect(&context, &DocumentContext::documentChanged, &context, [&] {
            if (!done && context.session() && context.session()->runs.size() == 2)
                firstRun.push_back(context.session()->runs.shared(0).get());
        });
        QSignalSpy finished(&context, &DocumentContext::loadFinished);
        connect(&context, &DocumentContext::loadFinished, &context, [&] { done = true; });
        context.runEngineScenario(randwrite(dir.path(), {QStringLiteral("sync"), QStringLiteral("libaio")}, requests));
        QVERIFY(finished.wait(300000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        QCOMPARE(context.session()->runs.size(), std::size_t{2});
        const Run* final = context.session()->runs.shared(0).get();
        QCOMPARE(final->requests.size(), static_cast<std::size_t>(requests));
        for (const Run* r : firstRun)
            QCOMPARE(r, final);
        if (firstRun.size() >= 2)
            return;
        qInfo("%d requests per design: %zu snapshots of the second design; trying a longer run", requests,
              firstRun.size());
    }
    QFAIL("never two snapshots while the second design ran");
}

QTEST_MAIN(EngineStreamTest)
#include "EngineStreamTest.moc"
