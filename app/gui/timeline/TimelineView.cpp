#include "gui/timeline/TimelineView.h"

#include "gui/timeline/TimelineOverlay.h"

#include "gui/DocumentContext.h"
#include "gui/RequestText.h"
#include "gui/timeline/Playback.h"
#include "gui/timeline/TimeFormat.h"
#include "gui/timeline/TimelineExporter.h"
#include "gui/timeline/TimelineIndex.h"
#include "model/Run.h"

#include <QKeyEvent>
#include <QPainter>
#include <QPointer>
#include <QScrollBar>
#include <QThreadPool>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace aioscope::gui {

namespace {
constexpr int kScrollWidth = 14;
}

TimelineView::TimelineView(DocumentContext* context, QWidget* parent) : QWidget(parent), context_(context) {
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setMinimumSize(400, 200);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setAttribute(Qt::WA_OpaquePaintEvent);
    scroll_ = new QScrollBar(Qt::Vertical, this);
    connect(scroll_, &QScrollBar::valueChanged, this, &TimelineView::setFirstLane);
    auto repaint = [this] { update(); };
    connect(context_, &DocumentContext::documentChanged, this, &TimelineView::rebuildIndex);
    connect(context_, &DocumentContext::runChanged, this, &TimelineView::rebuildIndex);
    connect(context_, &DocumentContext::timeWindowChanged, this, repaint);
    connect(context_, &DocumentContext::selectionChanged, this, repaint);
    connect(context_, &DocumentContext::highlightChanged, this, repaint);
    connect(context_, &DocumentContext::filterChanged, this, repaint);
    connect(context_, &DocumentContext::playbackTimeChanged, this, repaint);
    connect(context_, &DocumentContext::annotationsChanged, this, repaint);
    rebuildIndex();
}

TimelineView::~TimelineView() = default;

int TimelineView::laneCount() const { return index_ ? index_->layout.count() : 0; }

void TimelineView::setDark(bool dark) {
    dark_ = dark;
    update();
}

void TimelineView::setIdleLanesShown(bool shown) {
    if (shown == showIdle_)
        return;
    showIdle_ = shown;
    reindex();
    emit idleLanesShownChanged(shown);
}

void TimelineView::rebuildIndex() {
    auto session = context_->session();
    const Run* run = context_->run();
    if (run && run == indexedRun_ && session == session_)
        return;
    reindex();
}

void TimelineView::reindex() {
    const quint64 gen = ++indexGeneration_;
    auto session = context_->session();
    const Run* run = context_->run();
    index_.reset();
    bins_.invalidate();
    indexedRun_ = nullptr;
    session_ = session;
    update();
    if (!run)
        return;
    // Index off the GUI thread; the shared_ptr keeps the run alive meanwhile.
    QPointer<TimelineView> self(this);
    const bool showIdle = showIdle_;
    QThreadPool::globalInstance()->start([self, session, run, gen, showIdle] {
        auto index = TimelineIndex::build(*run, showIdle);
        QMetaObject::invokeMethod(
            self,
            [self, session, run, gen, index] {
                if (!self || gen != self->indexGeneration_)
                    return; // a newer document arrived meanwhile
                self->session_ = session;
                self->indexedRun_ = run;
                self->index_ = index;
                self->bins_.invalidate();
                self->firstLane_ = std::clamp(self->firstLane_, 0, std::max(0, index->layout.count() - 1));
                self->updateScrollBar();
                self->update();
                emit self->indexReady();
            },
            Qt::QueuedConnection);
    });
}

QSize TimelineView::canvasSize() const {
    return QSize(width() - (scroll_->isVisibleTo(this) ? kScrollWidth : 0), height());
}

TimelineGeometry TimelineView::geometryFor(QSize size, bool allLanes) const {
    TimelineGeometry g;
    g.width = size.width();
    g.height = size.height();
    g.firstLane = allLanes ? 0 : firstLane_;
    return g;
}

TimelinePainter::Scene TimelineView::scene(QSize size, bool allLanes, TimelineBins* bins) const {
    TimelinePainter::Scene s;
    s.geometry = geometryFor(size, allLanes);
    s.colors = dark_ ? TimelineColors::dark() : TimelineColors::light();
    const Run* run = context_->run();
    if (!run) {
        s.emptyText = context_->isLoading() ? tr("Loading…") : QString();
        return s;
    }
    if (!index_ || run != indexedRun_) {
        s.emptyText = tr("Indexing %1 requests…").arg(run->requests.size());
        return s;
    }
    TimelineBins::Params prm;
    prm.t0 = context_->windowStart();
    prm.t1 = context_->windowEnd();
    prm.width = s.geometry.plotWidth();
    prm.firstLane = s.geometry.firstLane;
    prm.lastLane = s.geometry.firstLane + s.geometry.visibleLanes() - 1;
    prm.playback = context_->playbackTime();
    prm.filter = &context_->filter();
    bins->update(*run, *index_, prm);
    s.run = run;
    s.index = index_.get();
    s.bins = bins;
    s.selected = context_->selectedRequest();
    s.highlighted = &context_->highlighted();
    s.playback = context_->playbackTime();
    s.filter = &context_->filter();
    s.annotations = &context_->annotations();
    s.runIndex = static_cast<std::uint32_t>(context_->runIndex());
    return s;
}

void TimelineView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    const TimelinePainter::Scene shown = scene(canvasSize(), false, &bins_);
    TimelinePainter::paint(p, shown);
    for (const TimelineOverlay* overlay : overlays_)
        overlay->paint(p, shown);
    if (drag_ == Drag::Box) {
        const int x0 = std::min(pressPos_.x(), dragPos_.x());
        const int x1 = std::max(pressPos_.x(), dragPos_.x());
        QColor fill = palette().highlight().color();
        fill.setAlpha(60);
        p.fillRect(QRect(x0, 0, x1 - x0, height()), fill);
        p.setPen(palette().highlight().color());
        p.drawText(QRect(x0 + 4, height() - 40, 200, 16), Qt::AlignLeft,
                   formatDuration(timeAt(x1) - timeAt(x0)));
    }
}

QImage TimelineView::renderImage(QSize size, bool allLanes) const {
    if (allLanes && index_) {
        const TimelineGeometry g;
        size.setHeight(std::max(size.height(), g.axisHeight + g.legendHeight + g.laneHeight * index_->layout.count()));
    }
    QImage image(size, QImage::Format_RGB32);
    QPainter p(&image);
    TimelineBins bins;
    const TimelinePainter::Scene shown = scene(size, allLanes, &bins);
    TimelinePainter::paint(p, shown);
    for (const TimelineOverlay* overlay : overlays_)
        overlay->paint(p, shown);
    return image;
}

bool TimelineView::exportTo(const QString& path, QString* error) const {
    return TimelineExporter::exportTo(*this, path, error);
}

std::vector<QRect> TimelineView::requestRects(QSize size, RequestId id) const {
    TimelineBins bins;
    return TimelinePainter::requestRects(scene(size, true, &bins), id);
}

RequestId TimelineView::requestAt(QPoint pos) const {
    if (!index_ || bins_.laneCount() == 0)
        return kNoRequest;
    const TimelineGeometry g = geometryFor(canvasSize(), false);
    const int lane = g.laneAt(pos.y());
    if (lane < bins_.firstLane() || lane >= bins_.firstLane() + bins_.laneCount() || pos.x() < g.plotLeft())
        return kNoRequest;
    const int col = pos.x() - g.plotLeft();
    const bool spanRow = pos.y() < g.segmentTop(lane) - 1;
    for (int d : {0, -1, 1, -2, 2, -3, 3}) {
        const int c = col + d;
        if (c < 0 || c >= bins_.width())
            continue;
        const auto& cell = bins_.at(lane, c);
        const RequestId first = spanRow ? cell.span : cell.segment;
        const RequestId second = spanRow ? cell.segment : cell.span;
        if (first != kNoRequest) return first;
        if (second != kNoRequest) return second;
    }
    return kNoRequest;
}

std::vector<RequestId> TimelineView::visibleRequests() const {
    std::vector<RequestId> out;
    const Run* run = context_->run();
    if (!run)
        return out;
    const TimeNs pb = context_->playbackTime();
    const RequestId end = pb == kNoTime ? static_cast<RequestId>(run->requests.size()) : run->requests.lowerBoundSubmit(pb + 1);
    const auto& filter = context_->filter();
    for (RequestId id = 0; id < end; ++id)
        if (filter.isEmpty() || filter.accepts(*run, id))
            out.push_back(id);
    return out;
}

std::vector<RequestId> TimelineView::leakMarksInView() const {
    std::vector<RequestId> out;
    const Run* run = context_->run();
    if (!run || !index_)
        return out;
    const TimeNs t0 = context_->windowStart(), t1 = context_->windowEnd(), pb = context_->playbackTime();
    for (const auto& lane : index_->layout.lanes()) {
        if (lane.task >= index_->leakSegments.size())
            continue; // group header
        const auto& c = index_->leakSegments[lane.task];
        for (std::size_t i = 0; i < c.size(); ++i) {
            const RequestId id = c.request[i];
            if (c.end[i] <= t0 || c.start[i] >= t1 || (pb != kNoTime && c.start[i] > pb))
                continue;
            if (!context_->filter().isEmpty() && !context_->filter().accepts(*run, id))
                continue;
            out.push_back(id);
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

TimeNs TimelineView::timeAt(double x) const {
    const TimelineGeometry g = geometryFor(canvasSize(), false);
    const double span = static_cast<double>(context_->windowEnd() - context_->windowStart());
    return context_->windowStart() + static_cast<TimeNs>((x - g.plotLeft()) * span / g.plotWidth());
}

void TimelineView::zoomBy(double factor, TimeNs anchor) {
    const TimeNs t0 = context_->windowStart(), t1 = context_->windowEnd();
    const double span = static_cast<double>(t1 - t0);
    const double newSpan = std::clamp(span / factor, 100.0, 1e15);
    const double frac = span > 0 ? static_cast<double>(anchor - t0) / span : 0.5;
    const auto n0 = anchor - static_cast<TimeNs>(frac * newSpan);
    context_->setTimeWindow(n0, n0 + static_cast<TimeNs>(newSpan));
}

void TimelineView::zoomIn() { zoomBy(1.5, (context_->windowStart() + context_->windowEnd()) / 2); }
void TimelineView::zoomOut() { zoomBy(1 / 1.5, (context_->windowStart() + context_->windowEnd()) / 2); }

void TimelineView::panBy(double fraction) {
    const TimeNs t0 = context_->windowStart(), t1 = context_->windowEnd();
    const auto d = static_cast<TimeNs>(static_cast<double>(t1 - t0) * fraction);
    context_->setTimeWindow(t0 + d, t1 + d);
}

void TimelineView::fit() { context_->fitTimeWindow(); }

void TimelineView::fitWholeRun() {
    const Run* run = context_->run();
    if (!run || run->startNs() == kNoTime || run->endNs() == kNoTime)
        return;
    const TimeNs margin = std::max<TimeNs>((run->endNs() - run->startNs()) / 100, 1);
    context_->setTimeWindow(run->startNs() - margin, run->endNs() + margin);
}

void TimelineView::setFirstLane(int lane) {
    lane = std::clamp(lane, 0, std::max(0, laneCount() - 1));
    if (lane == firstLane_)
        return;
    firstLane_ = lane;
    scroll_->setValue(lane);
    update();
}

void TimelineView::updateScrollBar() {
    const TimelineGeometry g = geometryFor(canvasSize(), false);
    const int hidden = laneCount() - g.visibleLanes() + 1;
    scroll_->setVisible(hidden > 0);
    scroll_->setRange(0, std::max(0, hidden));
    scroll_->setPageStep(std::max(1, g.visibleLanes() - 1));
    scroll_->setGeometry(width() - kScrollWidth, g.axisHeight, kScrollWidth, height() - g.axisHeight - g.legendHeight);
}

void TimelineView::resizeEvent(QResizeEvent*) { updateScrollBar(); }

void TimelineView::wheelEvent(QWheelEvent* event) {
    const double steps = event->angleDelta().y() / 120.0;
    if (event->modifiers() & Qt::ControlModifier)
        setFirstLane(firstLane_ - static_cast<int>(std::round(steps * 2)));
    else if (event->modifiers() & Qt::ShiftModifier)
        panBy(-steps * 0.1);
    else
        zoomBy(std::pow(1.25, steps), timeAt(event->position().x()));
    event->accept();
}

void TimelineView::mousePressEvent(QMouseEvent* event) {
    setFocus();
    pressPos_ = dragPos_ = event->pos();
    if (event->button() == Qt::LeftButton && index_) {
        const int lane = geometryFor(canvasSize(), false).laneAt(event->pos().y());
        if (lane >= 0 && lane == index_->layout.headerLane()) {
            setIdleLanesShown(!showIdle_); // the group header folds and unfolds
            return;
        }
    }
    if (event->button() == Qt::LeftButton) {
        drag_ = Drag::Box;
    } else if (event->button() == Qt::RightButton || event->button() == Qt::MiddleButton) {
        drag_ = Drag::Pan;
        panStartT0_ = context_->windowStart();
        panStartT1_ = context_->windowEnd();
        setCursor(Qt::ClosedHandCursor);
    }
}

void TimelineView::mouseMoveEvent(QMouseEvent* event) {
    if (drag_ == Drag::Box) {
        dragPos_ = event->pos();
        update();
    } else if (drag_ == Drag::Pan) {
        const TimelineGeometry g = geometryFor(canvasSize(), false);
        const double span = static_cast<double>(panStartT1_ - panStartT0_);
        const auto d = static_cast<TimeNs>((event->pos().x() - pressPos_.x()) * span / g.plotWidth());
        context_->setTimeWindow(panStartT0_ - d, panStartT1_ - d);
    } else {
        const RequestId id = requestAt(event->pos());
        const Run* run = context_->run();
        emit hoverTextChanged(id != kNoRequest && run ? RequestText::summary(*run, id) : QString());
    }
}

void TimelineView::mouseReleaseEvent(QMouseEvent* event) {
    if (drag_ == Drag::Box) {
        drag_ = Drag::None;
        if (std::abs(event->pos().x() - pressPos_.x()) < 5) {
            context_->selectRequest(requestAt(event->pos()));
        } else {
            const TimeNs a = timeAt(std::min(pressPos_.x(), event->pos().x()));
            const TimeNs b = timeAt(std::max(pressPos_.x(), event->pos().x()));
            context_->setTimeWindow(a, std::max(b, a + 100));
        }
        update();
    } else if (drag_ == Drag::Pan) {
        drag_ = Drag::None;
        unsetCursor();
    }
}

void TimelineView::mouseDoubleClickEvent(QMouseEvent* event) {
    const RequestId id = requestAt(event->pos());
    const Run* run = context_->run();
    if (id == kNoRequest || !run)
        return;
    // Zoom onto the request with some room around it.
    const Request r = run->requests.get(id);
    const TimeNs end = r.completeNs == kNoTime ? run->endNs() : r.completeNs;
    const TimeNs pad = std::max<TimeNs>((end - r.submitNs) / 2, 1000);
    context_->setTimeWindow(r.submitNs - pad, end + pad);
}

void TimelineView::keyPressEvent(QKeyEvent* event) {
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal: zoomIn(); break;
    case Qt::Key_Minus: zoomOut(); break;
    case Qt::Key_Left: panBy(-0.1); break;
    case Qt::Key_Right: panBy(0.1); break;
    case Qt::Key_Up: setFirstLane(firstLane_ - 1); break;
    case Qt::Key_Down: setFirstLane(firstLane_ + 1); break;
    case Qt::Key_PageUp: setFirstLane(firstLane_ - 10); break;
    case Qt::Key_PageDown: setFirstLane(firstLane_ + 10); break;
    case Qt::Key_Home:
        if (event->modifiers() & Qt::ShiftModifier)
            fitWholeRun();
        else
            fit();
        break;
    case Qt::Key_0: fit(); break;
    case Qt::Key_W: fitWholeRun(); break;
    case Qt::Key_Escape: context_->selectRequest(kNoRequest); break;
    case Qt::Key_Space: context_->playback()->togglePlay(); break;
    default: QWidget::keyPressEvent(event); return;
    }
    event->accept();
}

} // namespace aioscope::gui
