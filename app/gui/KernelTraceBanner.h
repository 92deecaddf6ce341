#pragma once
#include <QFrame>

#include <string>

class QLabel;

namespace aioscope::gui {

class DocumentContext;

// Over the timeline of an engine run recorded without the kernel trace: what
// is missing (the io threads, helpers and kworkers that ran requests), why
// (the run's `kernel_trace_unavailable`, the engine's words), and how to get
// it. Hidden for every other run.
class KernelTraceBanner : public QFrame {
    Q_OBJECT
public:
    explicit KernelTraceBanner(DocumentContext* context, QWidget* parent = nullptr);
    // The banner's text for `reason` (the engine dialog shows the same).
    static QString textFor(const QString& reason);
    // The shown text ("" when hidden), for tests.
    QString text() const;

private:
    void update();

    DocumentContext* context_;
    QLabel* label_ = nullptr;
    QString shownFor_;     // the run the banner is about (its name)
    QString dismissedFor_; // closed by the user for this run
};

} // namespace aioscope::gui
