#pragma once
#include "gui/timeline/TimelineBins.h"
#include "gui/timeline/TimelineColors.h"
#include "gui/timeline/TimelinePainter.h"
#include "model/Ids.h"
#include "model/Session.h"

#include <QImage>
#include <QWidget>

#include <memory>
#include <vector>

class QScrollBar;

namespace aioscope::gui {

class DocumentContext;
class TimelineOverlay;
struct TimelineIndex;

// The timeline canvas: one lane per task, requests from submit to completion,
// hand-off arrows, leaks in red. Wheel zooms around the cursor (Shift+wheel
// pans, Ctrl+wheel scrolls lanes), drag selects a time box to zoom into,
// click selects a request, right/middle drag pans, keys: + - arrows Home Esc.
// The lane index is built on a worker thread when the document changes.
class TimelineView : public QWidget {
    Q_OBJECT
public:
    explicit TimelineView(DocumentContext* context, QWidget* parent = nullptr);
    ~TimelineView() override;

    QSize sizeHint() const override { return {1100, 640}; }
    bool isReady() const { return index_ != nullptr; }
    const TimelineIndex* index() const { return index_.get(); }
    int laneCount() const;
    int firstLane() const { return firstLane_; }
    void setFirstLane(int lane);
    void setDark(bool dark);
    bool isDark() const { return dark_; }
    // Lanes of the tasks without I/O, folded behind one header lane by default.
    bool idleLanesShown() const { return showIdle_; }
    void setIdleLanesShown(bool shown);

    // The scene as the widget would paint it at `size` (all lanes when
    // allLanes): used by paintEvent, export, tests and the benchmark.
    TimelinePainter::Scene scene(QSize size, bool allLanes, TimelineBins* bins) const;
    QImage renderImage(QSize size, bool allLanes = true) const;
    bool exportTo(const QString& path, QString* error) const;
    std::vector<QRect> requestRects(QSize size, RequestId id) const;
    RequestId requestAt(QPoint pos) const;
    // Requests that pass the filter and the playback time (tests, status bar).
    std::vector<RequestId> visibleRequests() const;
    // Leaking visible requests with an execution segment inside the window.
    std::vector<RequestId> leakMarksInView() const;
    // Drawn after the lanes, in this order, on screen and in exports (not owned).
    void addOverlay(const TimelineOverlay* overlay) { overlays_.push_back(overlay); }

public slots:
    void zoomBy(double factor, TimeNs anchor);
    void zoomIn();
    void zoomOut();
    void panBy(double fraction);
    void fit();         // the requests' busy span, with a margin (the first view)
    void fitWholeRun(); // the whole capture, set-up and tail included

signals:
    void indexReady();
    // The group of tasks without I/O was folded or unfolded (header click, menu, code).
    void idleLanesShownChanged(bool shown);
    void hoverTextChanged(const QString& text);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void rebuildIndex();
    void reindex(); // same run, new lane layout
    void updateScrollBar();
    TimeNs timeAt(double x) const;
    TimelineGeometry geometryFor(QSize size, bool allLanes) const;
    QSize canvasSize() const; // the widget minus the lane scroll bar

    DocumentContext* context_;
    std::shared_ptr<const Session> session_; // keeps index_'s run alive
    const Run* indexedRun_ = nullptr;
    std::shared_ptr<const TimelineIndex> index_;
    quint64 indexGeneration_ = 0;
    mutable TimelineBins bins_;
    std::vector<const TimelineOverlay*> overlays_;
    QScrollBar* scroll_ = nullptr;
    int firstLane_ = 0;
    bool dark_ = false;
    bool showIdle_ = false;
    // mouse
    enum class Drag { None, Box, Pan } drag_ = Drag::None;
    QPoint pressPos_;
    QPoint dragPos_;
    TimeNs panStartT0_ = 0;
    TimeNs panStartT1_ = 0;
};

} // namespace aioscope::gui
