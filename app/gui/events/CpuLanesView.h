#pragma once
#include "gui/events/CpuLanes.h"

#include <QFutureWatcher>
#include <QImage>
#include <QWidget>

#include <memory>

namespace aioscope {
struct Session;
}

namespace aioscope::gui {

class DocumentContext;

// One lane per CPU: which task ran there (a colour per task, idle left
// blank; from the event index, as KernelShark's CPU plots) with the
// requests' execution segments on it (purple when the request ran on
// another task than its submitter, green otherwise). Shows the timeline's
// window; the wheel zooms it. Drawn per pixel column: O(pixels · log events).
class CpuLanesView : public QWidget {
    Q_OBJECT
public:
    explicit CpuLanesView(DocumentContext* context, QWidget* parent = nullptr);
    ~CpuLanesView() override;
    QSize sizeHint() const override { return {900, 260}; }
    bool isReady() const { return lanes_ != nullptr; }
    int laneCount() const { return lanes_ ? static_cast<int>(lanes_->lanes.size()) : 0; }
    QImage renderImage(QSize size) const;
    static QColor taskColor(std::int32_t tid);

signals:
    void ready();

protected:
    void paintEvent(QPaintEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;

private:
    void documentChanged();
    void paintTo(QPainter& p, QSize size) const;

    DocumentContext* context_;
    std::shared_ptr<const Session> session_;
    const Run* run_ = nullptr;
    std::shared_ptr<const CpuLanes> lanes_;
    QFutureWatcher<std::shared_ptr<const CpuLanes>> watcher_;
};

} // namespace aioscope::gui
