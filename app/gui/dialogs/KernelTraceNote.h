#pragma once
#include <QLabel>

namespace aioscope::gui {

// The amber note a dialog shows when an engine run or recording would go
// without the kernel trace. Hidden until the check (which makes a tracefs
// instance, so it runs on a worker) says tracefs is not usable.
class KernelTraceNote : public QLabel {
    Q_OBJECT
public:
    explicit KernelTraceNote(QWidget* parent);
    // The note's text while it is shown, else empty.
    QString shownText() const;

signals:
    void checked(bool usable);
};

} // namespace aioscope::gui
