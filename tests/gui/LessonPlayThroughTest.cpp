// Plays every lesson in lessons/ step by step through the real MainWindow
// (offscreen): traces load through the importer, scenarios run on the real
// engine in a scratch folder, and each step's highlight must select exactly
// the requests it names on what was loaded.
#include "gui/DocumentContext.h"
#include "gui/MainWindow.h"
#include "gui/lessons/LessonDock.h"
#include "gui/lessons/LessonPlayer.h"
#include "gui/lessons/LessonStepView.h"
#include "gui/lessons/PresenterMode.h"
#include "lessons/LessonHighlight.h"
#include "model/Run.h"

#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QListWidget>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

#include <algorithm>
#include <fstream>

using namespace aioscope;
using namespace aioscope::gui;

namespace {

// An independent reading of the manifest's words, request by request, to
// check LessonHighlight::select against (not a copy of its code path).
bool namedBy(const lessons::LessonHighlight& h, const aioscope::Run& run, RequestId id) {
    const Request r = run.requests.get(id);
    const auto segs = run.segmentsOf(id);
    bool otherExecutor = false;
    for (const auto& s : segs)
        otherExecutor = otherExecutor || s.task != r.submitter;
    if (h.executorNotSubmitter && !otherExecutor)
        return false;
    if (h.comm) {
        bool onComm = false;
        for (const auto& s : segs)
            onComm = onComm || lessons::commMatches(*h.comm, run.strings.view(run.tasks[s.task].comm));
        if (!onComm)
            return false;
    }
    if (h.submitterComm && (r.submitter >= run.tasks.size() ||
                            !lessons::commMatches(*h.submitterComm, run.strings.view(run.tasks[r.submitter].comm))))
        return false;
    if (h.design && run.strings.view(r.design) != *h.design)
        return false;
    if (h.op && r.op != *h.op)
        return false;
    if (h.errorsOnly && !(r.completeNs != kNoTime && r.result < 0))
        return false;
    if (!h.requestIds.empty() && std::find(h.requestIds.begin(), h.requestIds.end(), id) == h.requestIds.end())
        return false;
    if (h.leakAttribute) {
        bool leaked = false;
        for (const auto& c : run.checks)
            leaked = leaked || (c.request == id && c.attribute == *h.leakAttribute && c.verdict == CheckVerdict::Leak);
        if (!leaked)
            return false;
    }
    return true;
}

bool waitReady(QSignalSpy& spy, int timeoutMs) {
    return !spy.isEmpty() || spy.wait(timeoutMs);
}

} // namespace

class LessonPlayThroughTest : public QObject {
    Q_OBJECT
private:
    QTemporaryDir settingsDir_;
    QTemporaryDir scratch_;

private slots:
    void initTestCase() {
        QVERIFY(settingsDir_.isValid());
        QVERIFY(scratch_.isValid());
        // Settings (lesson progress) go to a scratch folder, never to ~/.config.
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir_.path());
    }

    void playsEveryLessonStepByStep() {
        MainWindow window;
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window)); // shortcuts need an active window
        auto* dock = window.findChild<LessonDock*>();
        QVERIFY2(dock, "MainWindow has no LessonDock");
        LessonPlayer* player = dock->player();
        QVERIFY2(player->loadErrors().isEmpty(), qPrintable(player->loadErrors().join('\n')));
        QVERIFY(player->lessons().size() >= 8);
        auto* ctx = window.findChild<DocumentContext*>();
        QVERIFY(ctx);
        // Scenarios run live on real files in the scratch folder; probe steps are
        // covered by playsAProbeStepLive (a full matrix per step would take minutes).
        player->setOptions({.liveScenarios = true, .liveProbes = false, .scratchDir = scratch_.path()});

        int traceSteps = 0, scenarioSteps = 0, highlighted = 0;
        for (int li = 0; li < static_cast<int>(player->lessons().size()); ++li) {
            const auto& lesson = player->lessons()[li];
            for (int si = 0; si < static_cast<int>(lesson.steps.size()); ++si) {
                const auto& step = lesson.steps[si];
                const QString where = QString::fromStdString(lesson.displayPath) + QStringLiteral(" step %1").arg(si + 1);
                QSignalSpy ready(player, &LessonPlayer::stepReady);
                if (si == 0)
                    player->openLesson(li, 0);
                else {
                    dock->stepList()->setFocus();
                    QTest::keyClick(dock->stepList(), Qt::Key_Right); // arrow key = next step
                }
                QVERIFY2(waitReady(ready, 300000), qPrintable(where + ": step never became ready"));
                QCOMPARE(player->lessonIndex(), li);
                QCOMPARE(player->stepIndex(), si);
                const auto args = ready.takeFirst();
                QVERIFY2(args.at(2).toBool(), qPrintable(where + ": " + args.at(3).toString()));
                QVERIFY2(player->problem().isEmpty(), qPrintable(where + ": " + player->problem()));
                QCOMPARE(dock->stepList()->currentRow(), si);
                QVERIFY(!dock->stepView()->textView()->toPlainText().isEmpty());

                if (step.load.kind == lessons::LessonLoad::Kind::None || step.load.kind == lessons::LessonLoad::Kind::Probe)
                    continue;
                (step.load.kind == lessons::LessonLoad::Kind::Trace ? traceSteps : scenarioSteps)++;
                const aioscope::Run* run = ctx->run();
                QVERIFY2(run, qPrintable(where + ": nothing loaded"));
                QVERIFY2(run->requests.size() > 0, qPrintable(where + ": the run holds no request"));
                if (step.load.kind == lessons::LessonLoad::Kind::Trace)
                    QCOMPARE(ctx->documentPath(), QString::fromStdString(step.load.tracePath));
                if (step.highlight.empty()) {
                    QVERIFY(ctx->highlighted().empty());
                    continue;
                }
                // The highlight on screen is exactly the requests the manifest names.
                std::vector<RequestId> expected;
                for (RequestId id = 0; id < run->requests.size(); ++id)
                    if (namedBy(step.highlight, *run, id))
                        expected.push_back(id);
                QVERIFY2(ctx->highlighted() == expected,
                         qPrintable(where + QStringLiteral(": highlight shows %1 requests, the manifest names %2")
                                                .arg(ctx->highlighted().size())
                                                .arg(expected.size())));
                if (step.expect.minRequests)
                    QVERIFY2(expected.size() >= *step.expect.minRequests, qPrintable(where + ": too few selected"));
                if (step.expect.maxRequests)
                    QVERIFY2(expected.size() <= *step.expect.maxRequests, qPrintable(where + ": too many selected"));
                if (!expected.empty())
                    ++highlighted;
                if (!step.window.empty()) {
                    QCOMPARE(ctx->windowStart(), step.window.absoluteFrom(run->startNs()));
                }
            }
        }
        QVERIFY(traceSteps >= 8);
        QVERIFY(scenarioSteps >= 3);
        QVERIFY(highlighted >= 10);
        // Progress is kept in settings.
        QSettings settings;
        QCOMPARE(settings.value("lessons/current").toString(),
                 QString::fromStdString(player->lessons().back().id));
    }

    void playsAProbeStepLive() {
        MainWindow window;
        auto* dock = window.findChild<LessonDock*>();
        QVERIFY(dock);
        LessonPlayer* player = dock->player();
        player->setOptions({.liveScenarios = false, .liveProbes = true, .scratchDir = scratch_.path()});
        auto* ctx = window.findChild<DocumentContext*>();
        // Lesson 3, step 2: the cap-fsetid probe for every design, on this kernel.
        QVERIFY(dock->openLessonById("03-seed-probes", 1));
        QSignalSpy ready(player, &LessonPlayer::stepReady);
        QVERIFY(waitReady(ready, 300000));
        const auto args = ready.takeFirst();
        QVERIFY2(args.at(2).toBool(), qPrintable(args.at(3).toString()));
        QVERIFY(ctx->session());
        QVERIFY(!ctx->session()->matrices.empty());
        const LeakMatrix& matrix = ctx->session()->matrices.front();
        const ProbeCell* sync = matrix.find("sync", "cap-fsetid");
        QVERIFY(sync);
        QVERIFY(matrix.find("pool", "cap-fsetid"));
    }

    void presenterModeTakesTheScreenAndTheArrowKeys() {
        MainWindow window;
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        auto* dock = window.findChild<LessonDock*>();
        LessonPlayer* player = dock->player();
        player->setOptions({.liveScenarios = false, .liveProbes = false, .scratchDir = scratch_.path()});
        QVERIFY(dock->openLessonById("02-retry-aio-2007", 0));
        const qreal normalSize = dock->font().pointSizeF();
        auto otherVisibleDocks = [&] {
            const auto docks = window.findChildren<QDockWidget*>();
            return static_cast<int>(
                std::count_if(docks.begin(), docks.end(), [dock](QDockWidget* d) { return d != dock && d->isVisible(); }));
        };
        const int otherDocksVisible = otherVisibleDocks();
        dock->togglePresenter();
        QVERIFY(dock->presenter()->isActive());
        QVERIFY(dock->font().pointSizeF() > normalSize * 1.5);
        QVERIFY(!window.menuBar()->isVisible());
        // A text-only step shows its title card beside the text, nothing else.
        QCOMPARE(dock->presenter()->stage(), PresenterMode::Stage::TitleCard);
        QWidget* stage = dock->presenter()->stageWidget();
        QVERIFY(stage && stage->isVisible());
        QVERIFY(!window.centralWidget()->isVisible());
        for (auto* d : window.findChildren<QDockWidget*>())
            if (d != dock && d != stage)
                QVERIFY2(!d->isVisible(), qPrintable(d->objectName()));
        // Arrow keys anywhere in the window step through the lesson.
        QTest::keyClick(&window, Qt::Key_Right);
        QCOMPARE(player->stepIndex(), 1);
        QTest::keyClick(&window, Qt::Key_Right);
        QCOMPARE(player->stepIndex(), 2);
        QTest::keyClick(&window, Qt::Key_Left);
        QCOMPARE(player->stepIndex(), 1);
        // ...also after a click on Next (the button keeps the focus) and on the text.
        auto* next = dock->findChild<QPushButton*>(QStringLiteral("nextStep"));
        QVERIFY(next);
        const int nextX = next->mapTo(&window, next->rect().center()).x();
        QTest::mouseClick(next, Qt::LeftButton);
        QCOMPARE(player->stepIndex(), 2);
        QWidget* focus = QApplication::focusWidget() ? QApplication::focusWidget() : next;
        QTest::keyClick(focus, Qt::Key_Right);
        QCOMPARE(player->stepIndex(), 3);
        QTest::keyClick(focus, Qt::Key_Left);
        QCOMPARE(player->stepIndex(), 2);
        QWidget* text = dock->stepView()->textView()->viewport();
        QTest::mouseClick(text, Qt::LeftButton, {}, QPoint(10, 10));
        QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : text, Qt::Key_Right);
        QCOMPARE(player->stepIndex(), 3);
        QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : text, Qt::Key_PageUp);
        QCOMPARE(player->stepIndex(), 2);
        // The lesson column keeps its width from step to step: Next does not move.
        QTest::keyClick(&window, Qt::Key_Right);
        QCOMPARE(next->mapTo(&window, next->rect().center()).x(), nextX);
        // A probe step shows the leak matrix itself (not run here: probes are off).
        QTest::keyClick(&window, Qt::Key_Right);
        QTest::keyClick(&window, Qt::Key_Right);
        QTest::keyClick(&window, Qt::Key_Right);
        QCOMPARE(player->stepIndex(), 6);
        QCOMPARE(player->currentStep()->load.kind, lessons::LessonLoad::Kind::Probe);
        QCOMPARE(dock->presenter()->stage(), PresenterMode::Stage::Matrix);
        QVERIFY(dock->presenter()->stageWidget()->isVisible());
        QCOMPARE(dock->presenter()->stageWidget()->objectName(), QStringLiteral("LeakMatrixDock"));
        for (int i = 0; i < 5; ++i)
            QTest::keyClick(&window, Qt::Key_Left);
        QCOMPARE(player->stepIndex(), 1);
        QTest::keyClick(&window, Qt::Key_Escape);
        QVERIFY(!dock->presenter()->isActive());
        QCOMPARE(dock->font().pointSizeF(), normalSize);
        QVERIFY(window.menuBar()->isVisible());
        QCOMPARE(otherVisibleDocks(), otherDocksVisible);
    }

    void aBadLessonIsReportedWithFileAndStep() {
        QTemporaryDir project;
        QVERIFY(project.isValid());
        QDir(project.path()).mkpath("lessons/01-bad");
        std::ofstream(project.filePath("lessons/01-bad/lesson.json").toStdString())
            << R"({"id": "bad", "title": "Bad", "steps": [{"title": "t", "text": "x", "load": {"trace": "a.dat"},
                  "highlight": {"leak_attribute": "fsuidd"}}]})";
        MainWindow window;
        auto* dock = window.findChild<LessonDock*>();
        QVERIFY(!dock->loadLessons(project.filePath("lessons")));
        QCOMPARE(dock->player()->loadErrors().size(), 1);
        QVERIFY(dock->player()->loadErrors().front().startsWith(
            "lessons/01-bad/lesson.json: step 1 (\"t\"): highlight.leak_attribute 'fsuidd' is not an attribute"));
    }
};

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName("aioscope-tests");
    QApplication::setApplicationName("lessons-gui-tests");
    LessonPlayThroughTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "LessonPlayThroughTest.moc"
