#pragma once
#include "model/Ids.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QSlider;
class QToolButton;

namespace aioscope::gui {

class DocumentContext;

// Play, pause, step, stop, speed and a scrubber over the run's time span.
class PlaybackBar : public QWidget {
    Q_OBJECT
public:
    explicit PlaybackBar(DocumentContext* context, QWidget* parent = nullptr);
    QSlider* scrubber() const { return scrub_; }
    QComboBox* speedBox() const { return speed_; }

private:
    void syncFromContext();
    void scrubTo(int value);
    void showSpeed(); // the speed box says the speed in use

    DocumentContext* context_;
    QToolButton* play_ = nullptr;
    QSlider* scrub_ = nullptr;
    QComboBox* speed_ = nullptr;
    QLabel* time_ = nullptr;
    bool syncing_ = false;
};

} // namespace aioscope::gui
