#include "gui/timeline/Playback.h"

#include "gui/DocumentContext.h"
#include "model/Run.h"

#include <algorithm>
#include <cmath>

namespace aioscope::gui {

Playback::Playback(DocumentContext* context) : QObject(context), context_(context) {
    timer_.setInterval(16);
    timer_.setTimerType(Qt::PreciseTimer);
    connect(&timer_, &QTimer::timeout, this, &Playback::tick);
}

void Playback::play() {
    const Run* run = context_->run();
    if (!run || isPlaying())
        return;
    const TimeNs end = run->endNs();
    if (context_->playbackTime() == kNoTime || context_->playbackTime() >= end)
        context_->setPlaybackTime(run->startNs());
    clock_.start();
    carry_ = 0.0;
    timer_.start();
    emit stateChanged(true);
    emit context_->playbackStateChanged(true);
}

void Playback::pause() {
    if (!isPlaying())
        return;
    timer_.stop();
    emit stateChanged(false);
    emit context_->playbackStateChanged(false);
}

void Playback::togglePlay() { isPlaying() ? pause() : play(); }

void Playback::stop() {
    pause();
    context_->setPlaybackTime(kNoTime);
}

void Playback::setSpeed(double speed) {
    speed = std::clamp(speed, 1e-9, 1e6);
    if (speed == speed_)
        return;
    speed_ = speed;
    emit speedChanged(speed_);
}

void Playback::tick() {
    const Run* run = context_->run();
    if (!run) {
        pause();
        return;
    }
    const double advance = static_cast<double>(clock_.nsecsElapsed()) * speed_ + carry_;
    clock_.restart();
    const auto whole = static_cast<TimeNs>(std::floor(advance));
    carry_ = advance - static_cast<double>(whole);
    const TimeNs end = run->endNs();
    TimeNs t = context_->playbackTime() == kNoTime ? run->startNs() : context_->playbackTime();
    t = std::min(end, t + whole);
    context_->setPlaybackTime(t);
    if (t >= end)
        pause();
}

void Playback::stepForward() {
    const Run* run = context_->run();
    if (!run || run->requests.empty())
        return;
    const TimeNs now = context_->playbackTime();
    auto submit = run->requests.submitNs();
    const auto it = now == kNoTime ? submit.begin() : std::upper_bound(submit.begin(), submit.end(), now);
    if (it != submit.end())
        context_->setPlaybackTime(*it);
}

void Playback::stepBackward() {
    const Run* run = context_->run();
    if (!run || run->requests.empty())
        return;
    const TimeNs now = context_->playbackTime();
    auto submit = run->requests.submitNs();
    if (now == kNoTime) {
        context_->setPlaybackTime(submit.back());
        return;
    }
    const auto it = std::lower_bound(submit.begin(), submit.end(), now);
    if (it != submit.begin())
        context_->setPlaybackTime(*std::prev(it));
}

} // namespace aioscope::gui
