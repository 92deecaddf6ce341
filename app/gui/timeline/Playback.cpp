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

double Playback::autoSpeedForWindow() const {
    const double span = static_cast<double>(context_->windowEnd() - context_->windowStart());
    return span > 0 ? span / (kWindowSeconds * 1e9) : speed_;
}

void Playback::play() {
    const Run* run = context_->run();
    if (!run || isPlaying())
        return;
    // What the class sees is the window: play it, from its left edge.
    const TimeNs w0 = std::max(context_->windowStart(), run->startNs());
    const TimeNs w1 = std::min(context_->windowEnd(), run->endNs());
    const TimeNs now = context_->playbackTime();
    if (now == kNoTime || now < w0 || now >= w1)
        context_->setPlaybackTime(w0);
    stopAt_ = w1 > w0 ? w1 : run->endNs();
    if (autoSpeed_)
        applySpeed(autoSpeedForWindow());
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
    autoSpeed_ = false;
    applySpeed(speed);
}

void Playback::setAutoSpeed() {
    autoSpeed_ = true;
    applySpeed(autoSpeedForWindow());
}

void Playback::applySpeed(double speed) {
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
    const TimeNs end = stopAt_ != kNoTime ? std::min(stopAt_, run->endNs()) : run->endNs();
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
