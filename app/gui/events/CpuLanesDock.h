#pragma once
#include <QDockWidget>

namespace aioscope::gui {

class CpuLanesView;
class DocumentContext;

// The CPU lanes view in a dock (View menu: "CPU lanes").
class CpuLanesDock : public QDockWidget {
    Q_OBJECT
public:
    explicit CpuLanesDock(DocumentContext* context, QWidget* parent = nullptr);
    CpuLanesView* view() const { return view_; }

private:
    CpuLanesView* view_;
};

} // namespace aioscope::gui
