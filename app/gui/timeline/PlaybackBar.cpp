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
    speed_->setToolTip(tr("Trace time per second of wall time"));
    const std::pair<const char*, double> speeds[] = {{"1 µs/s", 1e-6}, {"10 µs/s", 1e-5}, {"100 µs/s", 1e-4},
                                                     {"1 ms/s", 1e-3},  {"10 ms/s", 1e-2},  {"100 ms/s", 1e-1},
                                                     {"1 s/s", 1.0}};
    for (const auto& [name, v] : speeds)
        speed_->addItem(QString::fromUtf8(name), v);
    speed_->setCurrentIndex(3);
    layout->addWidget(speed_);
    connect(speed_, &QComboBox::currentIndexChanged, this,
            [this](int i) { context_->setPlaybackSpeed(speed_->itemData(i).toDouble()); });
    connect(scrub_, &QSlider::valueChanged, this, &PlaybackBar::scrubTo);
    connect(context_, &DocumentContext::playbackTimeChanged, this, &PlaybackBar::syncFromContext);
    connect(context_, &DocumentContext::documentChanged, this, &PlaybackBar::syncFromContext);
    connect(context_, &DocumentContext::playbackStateChanged, this, [this](bool playing) {
        play_->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    });
    syncFromContext();
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
