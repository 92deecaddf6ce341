#include "gui/lessons/LessonPlayer.h"

#include "lessonhooks/LessonHooks.h"
#include "gui/DocumentContext.h"
#include "gui/EngineScenario.h"
#include "gui/lessons/LessonProgress.h"
#include "lessons/LessonExpectation.h"
#include "lessons/LessonLoader.h"
#include "model/Run.h"
#include "model/Session.h"

#include "engine/DesignRegistry.h"
#include "probes/ProbeRunner.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace aioscope::gui {

namespace {
QString q(const std::string& s) { return QString::fromStdString(s); }

bool sameScenario(const lessons::LessonLoad::Scenario& a, const lessons::LessonLoad::Scenario& b) {
    return a.designs == b.designs && a.workload == b.workload && a.requests == b.requests &&
           a.blockSize == b.blockSize && a.queueDepth == b.queueDepth && a.threads == b.threads &&
           a.fileSize == b.fileSize && a.direct == b.direct;
}

// The run of a multi-run session (one per engine design) that the highlight
// is about: the first run holding a request of the highlighted design.
int runFor(const Session& session, const lessons::LessonHighlight& highlight, int current) {
    if (!highlight.design)
        return current;
    for (std::size_t i = 0; i < session.runs.size(); ++i) {
        const Run& run = session.runs[i];
        StringId id = kEmptyString;
        if (!run.strings.find(*highlight.design, &id))
            continue;
        auto designs = run.requests.design();
        if (std::find(designs.begin(), designs.end(), id) != designs.end())
            return static_cast<int>(i);
    }
    return current;
}
} // namespace

LessonPlayer::LessonPlayer(DocumentContext* ctx, QObject* parent) : QObject(parent), ctx_(ctx) {
    connect(ctx_, &DocumentContext::loadFinished, this, &LessonPlayer::onLoadFinished);
}

bool LessonPlayer::loadDirectory(const QString& root) {
    lessons::LessonLoader loader(lessonhooks::LessonHooks::vocabulary());
    auto all = loader.loadAll(root.toStdString());
    QStringList errors;
    for (const auto& e : all.errors)
        errors << q(e.message);
    directory_ = root;
    setLessons(std::move(all.lessons), errors);
    return !lessons_.empty();
}

void LessonPlayer::setLessons(std::vector<lessons::Lesson> lessons, QStringList errors) {
    lessons_ = std::move(lessons);
    loadErrors_ = std::move(errors);
    lesson_ = -1;
    step_ = -1;
    ++generation_;
    setPending(Pending::None);
    emit lessonsChanged();
}

const lessons::Lesson* LessonPlayer::currentLesson() const {
    return lesson_ >= 0 && lesson_ < static_cast<int>(lessons_.size()) ? &lessons_[lesson_] : nullptr;
}

const lessons::LessonStep* LessonPlayer::currentStep() const {
    const auto* lesson = currentLesson();
    return lesson && step_ >= 0 && step_ < static_cast<int>(lesson->steps.size()) ? &lesson->steps[step_] : nullptr;
}

void LessonPlayer::openLesson(int index, int step) {
    if (index < 0 || index >= static_cast<int>(lessons_.size()))
        return;
    lesson_ = index;
    step_ = std::clamp(step, 0, static_cast<int>(lessons_[index].steps.size()) - 1);
    LessonProgress::setCurrentLesson(q(lessons_[index].id));
    applyStep(false);
}

void LessonPlayer::goToStep(int step) {
    const auto* lesson = currentLesson();
    if (!lesson || step < 0 || step >= static_cast<int>(lesson->steps.size()))
        return;
    step_ = step;
    applyStep(false);
}

void LessonPlayer::next() {
    const auto* lesson = currentLesson();
    if (!lesson)
        return;
    if (step_ + 1 < static_cast<int>(lesson->steps.size()))
        goToStep(step_ + 1);
    else if (lesson_ + 1 < static_cast<int>(lessons_.size()))
        openLesson(lesson_ + 1, 0);
}

void LessonPlayer::previous() {
    if (!currentLesson())
        return;
    if (step_ > 0)
        goToStep(step_ - 1);
    else if (lesson_ > 0)
        openLesson(lesson_ - 1, static_cast<int>(lessons_[lesson_ - 1].steps.size()) - 1);
}

void LessonPlayer::runCurrentStepLive() {
    if (currentStep())
        applyStep(true);
}

void LessonPlayer::setPending(Pending p) {
    const bool was = isBusy();
    pending_ = p;
    if (was != isBusy())
        emit busyChanged(isBusy());
}

void LessonPlayer::applyStep(bool live) {
    ++generation_;
    selection_.clear();
    problem_.clear();
    setPending(Pending::None);
    const auto* lesson = currentLesson();
    const auto* step = currentStep();
    if (!step)
        return;
    LessonProgress::recordStep(q(lesson->id), step_);
    emit stepChanged(lesson_, step_);

    const lessons::LessonLoad& load = step->load;
    switch (load.kind) {
    case lessons::LessonLoad::Kind::None:
        // A text-only step: nothing keeps playing behind it.
        ctx_->highlightRequests({});
        ctx_->pause();
        finish(true, QString());
        return;
    case lessons::LessonLoad::Kind::Trace: {
        const QString path = q(load.tracePath);
        if (ctx_->documentPath() == path && ctx_->run() && !ctx_->isLoading()) {
            applyView();
            return;
        }
        setPending(Pending::Document);
        ctx_->openPath(path);
        return;
    }
    case lessons::LessonLoad::Kind::Scenario: {
        // The previous step ran the same scenario: show its runs again (another design, another highlight).
        if (!live && lastScenario_ && sameScenario(*lastScenario_, load.scenario) &&
            ctx_->session() == lastScenarioSession_ && ctx_->run() && !ctx_->isLoading()) {
            applyView();
            return;
        }
        if (!options_.liveScenarios && !live) {
            finish(true, tr("Live run not started: press Run to run this scenario on real files."));
            return;
        }
        EngineScenario s;
        s.directory = options_.scratchDir;
        for (const auto& d : load.scenario.designs)
            s.designs << q(d);
        s.workload = q(load.scenario.workload);
        s.blockSize = static_cast<int>(load.scenario.blockSize);
        s.queueDepth = static_cast<int>(load.scenario.queueDepth);
        s.threads = static_cast<int>(load.scenario.threads);
        s.fileSize = static_cast<qint64>(load.scenario.fileSize);
        s.requests = static_cast<int>(load.scenario.requests);
        s.direct = load.scenario.direct;
        setPending(Pending::Document);
        lastScenario_ = load.scenario;
        lastScenarioSession_.reset();
        ctx_->runEngineScenario(s);
        return;
    }
    case lessons::LessonLoad::Kind::Probe:
        if (!options_.liveProbes && !live) {
            finish(true, tr("Probes not started: press Run to run them on this kernel."));
            return;
        }
        startProbes(load.probe);
        return;
    }
}

void LessonPlayer::startProbes(const lessons::LessonLoad::Probe& probe) {
    setPending(Pending::Probes);
    const quint64 generation = generation_;
    probes::ProbeRunOptions options;
    options.dir = options_.scratchDir.toStdString();
    options.designs = probe.designs;
    options.probes = probe.probes;
    auto* watcher = new QFutureWatcher<Result<LeakMatrix>>(this);
    connect(watcher, &QFutureWatcher<Result<LeakMatrix>>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != generation_)
            return; // the user moved on; the matrix of an old step is not shown
        setPending(Pending::None);
        const Result<LeakMatrix>& matrix = watcher->result();
        if (!matrix) {
            finish(false, tr("Probes failed: %1").arg(q(matrix.error().message)));
            return;
        }
        // Keep what is on screen, and put the fresh matrix first.
        Session session = ctx_->session() ? *ctx_->session() : Session{};
        session.matrices.insert(session.matrices.begin(), matrix.value());
        ctx_->setSession(std::make_shared<const Session>(std::move(session)), ctx_->documentPath());
        finish(true, tr("Leak matrix measured on this kernel (%1 cells).").arg(matrix->cells.size()));
    });
    watcher->setFuture(QtConcurrent::run([options] {
        probes::ProbeRunner runner([](std::string_view design) { return engine::DesignRegistry::create(design); });
        return runner.run(options);
    }));
}

void LessonPlayer::onLoadFinished(bool ok, const QString& message) {
    if (pending_ != Pending::Document)
        return;
    setPending(Pending::None);
    const auto* step = currentStep();
    if (step && step->load.kind == lessons::LessonLoad::Kind::Scenario && ok)
        lastScenarioSession_ = ctx_->session();
    if (!ok) {
        finish(false, message);
        return;
    }
    applyView();
}

void LessonPlayer::applyView() {
    const auto* step = currentStep();
    if (!step)
        return;
    if (auto session = ctx_->session())
        ctx_->setRunIndex(runFor(*session, step->highlight, std::max(0, ctx_->runIndex())));
    const Run* run = ctx_->run();
    if (!run) {
        finish(false, tr("Nothing was loaded for this step."));
        return;
    }
    selection_ = step->highlight.select(*run);
    ctx_->highlightRequests(selection_);

    const TimeNs start = run->startNs();
    const TimeNs end = run->endNs();
    if (!step->window.empty() && start != kNoTime) {
        ctx_->setTimeWindow(step->window.absoluteFrom(start), step->window.absoluteTo(start, end));
    } else if (!selection_.empty()) {
        // No window given: zoom to what the step points at (a trace often
        // spends most of its length in set-up before the first request).
        TimeNs from = kNoTime, to = kNoTime;
        auto submit = run->requests.submitNs();
        auto complete = run->requests.completeNs();
        for (RequestId id : selection_) {
            if (submit[id] != kNoTime && (from == kNoTime || submit[id] < from))
                from = submit[id];
            const TimeNs last = complete[id] != kNoTime ? complete[id] : submit[id];
            if (last != kNoTime && (to == kNoTime || last > to))
                to = last;
        }
        if (from != kNoTime && to != kNoTime) {
            const TimeNs margin = std::max<TimeNs>((to - from) / 20, 1000);
            ctx_->setTimeWindow(from - margin, to + margin);
        } else {
            ctx_->fitTimeWindow();
        }
    } else {
        ctx_->fitTimeWindow();
    }

    if (step->playback && step->playback->play) {
        ctx_->setPlaybackSpeed(step->playback->speed);
        ctx_->setPlaybackTime(ctx_->windowStart());
        ctx_->play();
    } else {
        ctx_->pause();
        ctx_->setPlaybackTime(kNoTime);
    }

    // The same promises `lessons --check` verifies on traces, here on every run shown (live runs too).
    QStringList broken;
    for (const std::string& p : lessons::LessonExpectation::problems(*step, *run, selection_))
        broken << q(p);
    problem_ = broken.isEmpty()
                   ? QString()
                   : tr("This step's expectation does not hold: %1.").arg(broken.join(QStringLiteral("; ")));
    QString message;
    if (!step->highlight.empty())
        message = tr("Highlighted: %1 of %2 requests (%3).")
                      .arg(selection_.size())
                      .arg(run->requests.size())
                      .arg(q(step->highlight.describe()));
    finish(problem_.isEmpty(), problem_.isEmpty() ? message : problem_);
}

void LessonPlayer::finish(bool ok, const QString& message) {
    if (!ok && problem_.isEmpty())
        problem_ = message;
    emit stepReady(lesson_, step_, ok, message);
}

} // namespace aioscope::gui
