#pragma once
#include "model/Ids.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace aioscope::gui {

class DocumentContext;

// Advances the context's playback time with the wall clock: speed is trace
// nanoseconds per wall nanosecond. Stepping jumps to the next or previous
// request's submit time (binary search on the submit column).
class Playback : public QObject {
    Q_OBJECT
public:
    explicit Playback(DocumentContext* context);

    bool isPlaying() const { return timer_.isActive(); }
    double speed() const { return speed_; }

public slots:
    void play();
    void pause();
    void togglePlay();
    void stop(); // playback off: everything visible again
    void setSpeed(double speed);
    void stepForward();
    void stepBackward();

signals:
    void stateChanged(bool playing);
    void speedChanged(double speed);

private:
    void tick();

    DocumentContext* context_;
    QTimer timer_;
    QElapsedTimer clock_;
    double speed_ = 0.001; // 1 ms of trace per wall second
    double carry_ = 0.0;
};

} // namespace aioscope::gui
