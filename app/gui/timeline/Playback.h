#pragma once
#include "model/Ids.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace aioscope::gui {

class DocumentContext;

// Advances the context's playback time with the wall clock: speed is trace
// nanoseconds per wall nanosecond. Play starts at the left edge of the
// visible window (unless the playback time is already inside it) and stops
// at its right edge; with the automatic speed (the default) the window takes
// kWindowSeconds of wall time. Stepping jumps to the next or previous
// request's submit time (binary search on the submit column).
class Playback : public QObject {
    Q_OBJECT
public:
    explicit Playback(DocumentContext* context);

    static constexpr double kWindowSeconds = 10.0;

    bool isPlaying() const { return timer_.isActive(); }
    double speed() const { return speed_; }
    bool isAutoSpeed() const { return autoSpeed_; }
    // The automatic speed for the window now on screen.
    double autoSpeedForWindow() const;

public slots:
    void play();
    void pause();
    void togglePlay();
    void stop(); // playback off: everything visible again
    void setSpeed(double speed); // a fixed speed: automatic speed off
    void setAutoSpeed();         // the window in kWindowSeconds, computed at each play
    void stepForward();
    void stepBackward();

signals:
    void stateChanged(bool playing);
    void speedChanged(double speed);

private:
    void tick();
    void applySpeed(double speed);

    DocumentContext* context_;
    QTimer timer_;
    QElapsedTimer clock_;
    double speed_ = 0.001; // 1 ms of trace per wall second
    bool autoSpeed_ = true;
    double carry_ = 0.0;
    TimeNs stopAt_ = kNoTime; // the window's right edge when play started
};

} // namespace aioscope::gui
