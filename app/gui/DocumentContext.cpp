#include "gui/DocumentContext.h"

#include "gui/document/DocumentLoader.h"
#include "gui/timeline/Playback.h"
#include "gui/timeline/RunFocus.h"
#include "model/Run.h"

#include <algorithm>

namespace aioscope::gui {

DocumentContext::DocumentContext(QObject* parent) : QObject(parent) {
    playback_ = new Playback(this);
    loader_ = new DocumentLoader(this);
    connect(loader_, &DocumentLoader::started, this, &DocumentContext::loadStarted);
    connect(loader_, &DocumentLoader::progress, this, &DocumentContext::loadProgress);
    connect(loader_, &DocumentLoader::partial, this, [this](std::shared_ptr<const Session> s) {
        // Streaming engine run: the growing design is the session's last run.
        // Show it (a new design starting moves the view to it) unless the
        // user picked a run during this run; keep the user's window if they
        // moved it while the same run grows.
        const int growing = s ? static_cast<int>(s->runs.size()) - 1 : -1;
        const int shown = followGrowingRun_ && growing >= 0 ? growing : runIndex_;
        const bool keepView = session_ && runIndex_ >= 0 && shown == runIndex_;
        const TimeNs t0 = windowStart_, t1 = windowEnd_;
        replaceSession(std::move(s), QString(), shown);
        if (keepView && t1 > t0)
            setTimeWindow(t0, std::max(t1, run() ? run()->endNs() : t1));
    });
    connect(loader_, &DocumentLoader::finished, this,
            [this](std::shared_ptr<const Session> s, const QString& path, bool ok, const QString& message) {
                followGrowingRun_ = false;
                if (ok && s)
                    setSession(std::move(s), path);
                emit loadFinished(ok, message);
            });
}

DocumentContext::~DocumentContext() { loader_->cancel(); }

const Run* DocumentContext::run() const {
    if (!session_ || runIndex_ < 0 || runIndex_ >= static_cast<int>(session_->runs.size()))
        return nullptr;
    return &session_->runs[static_cast<std::size_t>(runIndex_)];
}

bool DocumentContext::isLoading() const { return loader_->isBusy(); }
bool DocumentContext::isPlaying() const { return playback_->isPlaying(); }
double DocumentContext::playbackSpeed() const { return playback_->speed(); }

bool DocumentContext::isVisible(RequestId id) const {
    const Run* r = run();
    if (!r || id >= r->requests.size())
        return false;
    if (playbackTime_ != kNoTime && r->requests.submitNs()[id] > playbackTime_)
        return false;
    return filter_.isEmpty() || filter_.accepts(*r, id);
}

void DocumentContext::openPath(const QString& path) {
    followGrowingRun_ = false;
    loader_->open(path);
}

void DocumentContext::cancelLoad() { loader_->cancel(); }

void DocumentContext::runEngineScenario(const EngineScenario& scenario) {
    followGrowingRun_ = true;
    loader_->runEngine(scenario);
}

void DocumentContext::setSession(std::shared_ptr<const Session> session, const QString& path) {
    const bool sameRunCount = session_ && session && session_->runs.size() == session->runs.size();
    replaceSession(std::move(session), path, sameRunCount ? runIndex_ : 0);
}

void DocumentContext::replaceSession(std::shared_ptr<const Session> session, const QString& path, int runIndex) {
    session_ = std::move(session);
    path_ = path;
    if (!session_ || session_->runs.empty())
        runIndex_ = -1;
    else
        runIndex_ = std::clamp(runIndex, 0, static_cast<int>(session_->runs.size()) - 1);
    resetViewState();
    // Before documentChanged: AnnotationsDock answers it with the notes stored since.
    setAnnotations(session_ ? session_->annotations : std::vector<Annotation>{});
    emit documentChanged();
    emit runChanged(runIndex_);
}

void DocumentContext::setDocumentPath(const QString& path) {
    if (path == path_)
        return;
    path_ = path;
    emit documentPathChanged(path_);
}

void DocumentContext::setRunIndex(int index) {
    if (!session_ || index < 0 || index >= static_cast<int>(session_->runs.size()) || index == runIndex_)
        return;
    // The user chose a run: a streaming engine run stops moving the view.
    followGrowingRun_ = false;
    runIndex_ = index;
    resetViewState();
    emit runChanged(runIndex_);
}

void DocumentContext::resetViewState() {
    if (selected_ != kNoRequest && !(run() && selected_ < run()->requests.size())) {
        selected_ = kNoRequest;
        emit selectionChanged(selected_);
    }
    if (!highlighted_.empty()) {
        highlighted_.clear();
        emit highlightChanged(highlighted_);
    }
    if (playbackTime_ != kNoTime && playback_->isPlaying())
        playback_->pause();
    fitTimeWindow();
}

void DocumentContext::selectRequest(RequestId id) {
    if (id != kNoRequest && !(run() && id < run()->requests.size()))
        id = kNoRequest;
    if (id == selected_)
        return;
    selected_ = id;
    emit selectionChanged(id);
}

void DocumentContext::setTimeWindow(TimeNs start, TimeNs end) {
    if (end <= start)
        end = start + 1;
    if (start == windowStart_ && end == windowEnd_)
        return;
    windowStart_ = start;
    windowEnd_ = end;
    emit timeWindowChanged(start, end);
}

void DocumentContext::fitTimeWindow() {
    const Run* r = run();
    // The I/O the run is about (RunFocus), not the trace's lead-in nor the
    // machine's background write-back.
    RunFocus::Span view = r ? RunFocus::firstView(*r) : RunFocus::Span{};
    if (view.empty() && r && r->startNs() != kNoTime && r->endNs() != kNoTime)
        view = {r->startNs(), std::max(r->endNs(), r->startNs() + 1), 0};
    if (view.empty())
        view = {0, 1'000'000, 0};
    setTimeWindow(view.start, view.end);
}

void DocumentContext::highlightRequests(std::vector<RequestId> ids) {
    if (ids == highlighted_)
        return;
    highlighted_ = std::move(ids);
    emit highlightChanged(highlighted_);
}

void DocumentContext::setFilter(const RequestFilter& filter) {
    if (filter == filter_)
        return;
    filter_ = filter;
    emit filterChanged();
}

void DocumentContext::setPlaybackTime(TimeNs t) {
    if (t == playbackTime_)
        return;
    playbackTime_ = t;
    emit playbackTimeChanged(t);
}

void DocumentContext::setAnnotations(const std::vector<Annotation>& annotations) {
    if (annotations == annotations_)
        return;
    annotations_ = annotations;
    emit annotationsChanged();
}

void DocumentContext::play() { playback_->play(); }
void DocumentContext::pause() { playback_->pause(); }
void DocumentContext::setPlaybackSpeed(double speed) { playback_->setSpeed(speed); }

} // namespace aioscope::gui
