#include "gui/timeline/PlaybackBar.h"

#include "gui/DocumentContext.h"
#include "gui/timeline/Playback.h"
#include "gui/timeline/TimeFormat.h"
#include "model/Run.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QStyle>
#include <QToolButton>

#include <cmath>

namespace aioscope::gui {

namespace {
constexpr int kScrubSteps = 10000;
}

PlaybackBar::PlaybackBar(DocumentContext* context, QWidget* parent) : QWidget(parent), context_(context) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 6, 2);
    auto button = [&](QStyle::StandardPixmap icon, const QString& tip, auto slot) {
        auto* b = new QToolButton(this);
        b->setIcon(style()->standardIcon(icon));
        b->setToolTip(tip);
        b->setAutoRaise(true);
        connect(b, &QToolButton::clicked, context_->playback(), slot);
        layout->addWidget(b);
        return b;
    };
    button(QStyle::SP_MediaSkipBackward, tr("Step back to the previous submit (,)"), &Playback::stepBackward);
    play_ = button(QStyle::SP_MediaPlay, tr("Play / pause (Space)"), &Playback::togglePlay);
    button(QStyle::SP_MediaSkipForward, tr("Step to the next submit (.)"), &Playback::stepForward);
    button(QStyle::SP_MediaStop, tr("Stop playback: show everything"), &Playback::stop);
    scrub_ = new QSlider(Qt::Horizontal, this);
    scrub_->setRange(0, kScrubSteps);
    scrub_->setToolTip(tr("Playback time"));
    layout->addWidget(scrub_, 1);
    time_ = new QLabel(tr("playback off"), this);
    time_->setMinimumWidth(130);
    layout->addWidget(time_);
    speed_ = new QComboBox(this);
    speed_->setToolTip(
        tr("Trace time per second of wall time; auto plays the visible window in %1 s").arg(Playback::kWindowSeconds));
    speed_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    // Item 0 is the automatic speed; its text shows the speed it computed.
    speed_->addItem(tr("auto"), 0.0);
    const std::pair<const char*, double> speeds[] = {{"1 µs/s", 1e-6}, {"10 µs/s", 1e-5}, {"100 µs/s", 1e-4},
                                                     {"1 ms/s", 1e-3},  {"10 ms/s", 1e-2},  {"100 ms/s", 1e-1},
                                                     {"1 s/s", 1.0}};
    for (const auto& [name, v] : speeds)
        speed_->addItem(QString::fromUtf8(name), v);
    layout->addWidget(speed_);
    connect(speed_, &QComboBox::activated, this, [this](int i) {
        const double v = speed_->itemData(i).toDouble();
        if (v <= 0)
            context_->playback()->setAutoSpeed();
        else
            context_->setPlaybackSpeed(v);
        showSpeed();
    });
    connect(context_->playback(), &Playback::speedChanged, this, &PlaybackBar::showSpeed);
    connect(context_, &DocumentContext::timeWindowChanged, this, [this] {
        if (context_->playback()->isAutoSpeed() && !context_->isPlaying())
            showSpeed();
    });
    showSpeed();
    connect(scrub_, &QSlider::valueChanged, this, &PlaybackBar::scrubTo);
    connect(context_, &DocumentContext::playbackTimeChanged, this, &PlaybackBar::syncFromContext);
    connect(context_, &DocumentContext::documentChanged, this, &PlaybackBar::syncFromContext);
    connect(context_, &DocumentContext::playbackStateChanged, this, [this](bool playing) {
        play_->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    });
    syncFromContext();
}

void PlaybackBar::showSpeed() {
    const Playback* pb = context_->playback();
    QSignalBlocker block(speed_);
    const double speed = pb->isAutoSpeed() && !pb->isPlaying() ? pb->autoSpeedForWindow() : pb->speed();
    const QString text = tr("%1/s").arg(formatDuration(static_cast<TimeNs>(speed * 1e9)));
    if (pb->isAutoSpeed()) {
        speed_->setItemText(0, tr("auto: %1").arg(text));
        speed_->setCurrentIndex(0);
        return;
    }
    speed_->setItemText(0, tr("auto"));
    for (int i = 1; i < speed_->count(); ++i)
        if (std::abs(speed_->itemData(i).toDouble() - speed) <= 1e-12 * std::max(1.0, speed) ||
            speed_->itemData(i).toDouble() == speed) {
            speed_->setCurrentIndex(i);
            return;
        }
    // A speed no preset has (a lesson's): show it as it is.
    const int custom = speed_->findData(QStringLiteral("custom"), Qt::UserRole + 1);
    if (custom >= 0) {
        speed_->setItemText(custom, text);
        speed_->setItemData(custom, speed);
        speed_->setCurrentIndex(custom);
    } else {
        speed_->addItem(text, speed);
        speed_->setItemData(speed_->count() - 1, QStringLiteral("custom"), Qt::UserRole + 1);
        speed_->setCurrentIndex(speed_->count() - 1);
    }
}

void PlaybackBar::syncFromContext() {
    const Run* run = context_->run();
    const TimeNs t = context_->playbackTime();
    syncing_ = true;
    if (!run || t == kNoTime) {
        scrub_->setValue(0);
        time_->setText(tr("playback off"));
    } else {
        const TimeNs t0 = run->startNs(), t1 = run->endNs();
        const double f = t1 > t0 ? static_cast<double>(t - t0) / static_cast<double>(t1 - t0) : 0.0;
        scrub_->setValue(static_cast<int>(f * kScrubSteps));
        const RequestId shown = run->requests.lowerBoundSubmit(t + 1);
        time_->setText(tr("%1 · %2 submitted").arg(formatDuration(t - t0)).arg(shown));
    }
    syncing_ = false;
}

void PlaybackBar::scrubTo(int value) {
    if (syncing_)
        return;
    const Run* run = context_->run();
    if (!run)
        return;
    const TimeNs t0 = run->startNs(), t1 = run->endNs();
    context_->setPlaybackTime(t0 + static_cast<TimeNs>(static_cast<double>(t1 - t0) * value / kScrubSteps));
}

} // namespace aioscope::gui
