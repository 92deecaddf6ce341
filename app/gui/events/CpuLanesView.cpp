#include "gui/events/CpuLanesView.h"

#include "gui/DocumentContext.h"
#include "gui/events/EventTableModel.h"
#include "model/Run.h"
#include "trace/EventIndex.h"

#include <QFontMetrics>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>

namespace aioscope::gui {

namespace {
constexpr int kLabelWidth = 90;
constexpr int kAxisHeight = 22;
constexpr int kLaneHeight = 30;

// The first event of `lane` at or after t.
std::size_t firstAtOrAfter(const trace::EventIndex& index, const std::vector<std::uint32_t>& ids, TimeNs t) {
    return static_cast<std::size_t>(
        std::partition_point(ids.begin(), ids.end(), [&](std::uint32_t id) { return index.ts(id) < t; }) - ids.begin());
}
} // namespace

CpuLanesView::CpuLanesView(DocumentContext* context, QWidget* parent) : QWidget(parent), context_(context) {
    setMouseTracking(true);
    setMinimumHeight(kAxisHeight + 2 * kLaneHeight);
    connect(context_, &DocumentContext::documentChanged, this, &CpuLanesView::documentChanged);
    connect(context_, &DocumentContext::runChanged, this, &CpuLanesView::documentChanged);
    connect(context_, &DocumentContext::timeWindowChanged, this, qOverload<>(&QWidget::update));
    connect(context_, &DocumentContext::selectionChanged, this, qOverload<>(&QWidget::update));
    connect(&watcher_, &QFutureWatcher<std::shared_ptr<const CpuLanes>>::finished, this, [this] {
        lanes_ = watcher_.result();
        setMinimumHeight(kAxisHeight + kLaneHeight * std::max(2, laneCount()));
        updateGeometry();
        update();
        emit ready();
    });
    documentChanged();
}

CpuLanesView::~CpuLanesView() {
    watcher_.waitForFinished();
}

QColor CpuLanesView::taskColor(std::int32_t tid) {
    const auto h = static_cast<std::uint32_t>(tid) * 2654435761u;
    return QColor::fromHsv(static_cast<int>(h % 360), 110 + static_cast<int>((h >> 9) % 80),
                           200 + static_cast<int>((h >> 17) % 40));
}

void CpuLanesView::documentChanged() {
    const Run* run = context_->run();
    if (run == run_ && session_ == context_->session())
        return;
    session_ = context_->session();
    run_ = run;
    lanes_.reset();
    update();
    if (run_ && run_->eventIndex)
        watcher_.setFuture(QtConcurrent::run([session = session_, run = run_] { return CpuLanes::build(*run); }));
}

void CpuLanesView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    paintTo(p, size());
}

QImage CpuLanesView::renderImage(QSize size) const {
    QImage image(size, QImage::Format_RGB32);
    QPainter p(&image);
    paintTo(p, size);
    return image;
}

void CpuLanesView::paintTo(QPainter& p, QSize size) const {
    const QPalette pal = palette();
    p.fillRect(QRect(QPoint(0, 0), size), pal.base());
    const TimeNs t0 = context_->windowStart(), t1 = context_->windowEnd();
    if (!run_ || !run_->eventIndex || !lanes_ || t1 <= t0) {
        p.setPen(pal.text().color());
        p.drawText(QRect(QPoint(0, 0), size), Qt::AlignCenter,
                   run_ && !run_->eventIndex ? tr("No event index: CPU lanes need an imported trace")
                                             : tr("Building CPU lanes…"));
        return;
    }
    const trace::EventIndex& index = *run_->eventIndex;
    const int plotWidth = std::max(1, size.width() - kLabelWidth);
    const double nsPerPx = static_cast<double>(t1 - t0) / plotWidth;
    auto timeOf = [&](int column) { return t0 + static_cast<TimeNs>(std::llround(column * nsPerPx)); };
    // Axis: the window's start and span.
    p.setPen(pal.text().color());
    p.drawText(QRect(kLabelWidth + 4, 2, plotWidth - 8, kAxisHeight - 4), Qt::AlignLeft | Qt::AlignVCenter,
               tr("%1 s").arg(EventTableModel::timeText(t0)));
    p.drawText(QRect(kLabelWidth + 4, 2, plotWidth - 8, kAxisHeight - 4), Qt::AlignRight | Qt::AlignVCenter,
               tr("+%1 µs").arg(static_cast<double>(t1 - t0) / 1000.0, 0, 'f', 1));
    const RequestId selected = context_->selectedRequest();
    for (std::size_t l = 0; l < lanes_->lanes.size(); ++l) {
        const auto& lane = lanes_->lanes[l];
        const int top = kAxisHeight + static_cast<int>(l) * kLaneHeight;
        if (top > size.height())
            break;
        if (l % 2)
            p.fillRect(QRect(0, top, size.width(), kLaneHeight), pal.alternateBase());
        p.setPen(pal.text().color());
        p.drawText(QRect(6, top, kLabelWidth - 10, kLaneHeight), Qt::AlignLeft | Qt::AlignVCenter,
                   tr("CPU %1").arg(lane.cpu));
        // One binary search per column; runs of one colour become one rectangle.
        std::size_t i = firstAtOrAfter(index, lane.ids, timeOf(0));
        int runStart = 0;
        QColor runColor;
        std::uint32_t runEvent = 0; // an event of the run: names its task
        const QFontMetrics fm(p.font());
        int segStart = 0;
        QColor segColor;
        auto flushTask = [&](int x) {
            if (runColor.isValid() && x > runStart) {
                const QRect r(kLabelWidth + runStart, top + 3, x - runStart, kLaneHeight - 12);
                p.fillRect(r, runColor);
                const auto& k = index.keyOf(runEvent);
                const QString name = QStringLiteral("%1-%2")
                                         .arg(QString::fromUtf8(index.comm(k.comm).data(),
                                                                static_cast<qsizetype>(index.comm(k.comm).size())))
                                         .arg(k.tid);
                if (fm.horizontalAdvance(name) + 6 < r.width()) {
                    p.setPen(Qt::black);
                    p.drawText(r.adjusted(3, 0, -3, 0), Qt::AlignLeft | Qt::AlignVCenter, name);
                }
            }
            runStart = x;
        };
        auto flushSeg = [&](int x) {
            if (segColor.isValid() && x > segStart)
                p.fillRect(QRect(kLabelWidth + segStart, top + kLaneHeight - 8, x - segStart, 5), segColor);
            segStart = x;
        };
        for (int x = 0; x < plotWidth; ++x) {
            const TimeNs c0 = timeOf(x);
            if (i < lane.ids.size() && index.ts(lane.ids[i]) < c0)
                i = firstAtOrAfter(index, lane.ids, c0);
            QColor color, seg;
            if (i < lane.ids.size()) {
                const std::int32_t tid = index.keyOf(lane.ids[i]).tid;
                if (tid > 0) {
                    color = taskColor(tid);
                    const TaskId task = lanes_->taskOf(*run_, tid, c0);
                    if (const CpuLanes::Segment* s = lanes_->segmentAt(task, c0))
                        seg = s->request == selected ? pal.highlight().color()
                              : s->handOff           ? QColor(0x7b, 0x1f, 0xa2)
                                                     : QColor(0x2e, 0x7d, 0x32);
                }
            }
            if (color != runColor) {
                flushTask(x);
                runColor = color;
                if (i < lane.ids.size())
                    runEvent = lane.ids[i];
            }
            if (seg != segColor) {
                flushSeg(x);
                segColor = seg;
            }
        }
        flushTask(plotWidth);
        flushSeg(plotWidth);
    }
    p.setPen(pal.mid().color());
    p.drawLine(kLabelWidth, kAxisHeight, kLabelWidth, size.height());
}

void CpuLanesView::wheelEvent(QWheelEvent* event) {
    const TimeNs t0 = context_->windowStart(), t1 = context_->windowEnd();
    if (t1 <= t0)
        return;
    const int plotWidth = std::max(1, width() - kLabelWidth);
    const double f = event->angleDelta().y() > 0 ? 0.8 : 1.25;
    const double at = std::clamp((event->position().x() - kLabelWidth) / plotWidth, 0.0, 1.0);
    const TimeNs anchor = t0 + static_cast<TimeNs>((t1 - t0) * at);
    const TimeNs a = anchor - static_cast<TimeNs>((anchor - t0) * f);
    const TimeNs b = anchor + static_cast<TimeNs>((t1 - anchor) * f);
    context_->setTimeWindow(a, std::max(b, a + 100));
    event->accept();
}

void CpuLanesView::mouseMoveEvent(QMouseEvent* event) {
    if (!lanes_ || !run_ || !run_->eventIndex)
        return;
    const int l = (static_cast<int>(event->position().y()) - kAxisHeight) / kLaneHeight;
    const int x = static_cast<int>(event->position().x()) - kLabelWidth;
    if (l < 0 || l >= laneCount() || x < 0)
        return;
    const TimeNs t0 = context_->windowStart(), t1 = context_->windowEnd();
    const TimeNs t = t0 + static_cast<TimeNs>(static_cast<double>(t1 - t0) * x / std::max(1, width() - kLabelWidth));
    const auto& lane = lanes_->lanes[static_cast<std::size_t>(l)];
    const trace::EventIndex& index = *run_->eventIndex;
    const std::size_t i = firstAtOrAfter(index, lane.ids, t);
    if (i >= lane.ids.size())
        return;
    const auto& k = index.keyOf(lane.ids[i]);
    QToolTip::showText(
        event->globalPosition().toPoint(),
        tr("CPU %1: %2-%3").arg(lane.cpu).arg(QString::fromStdString(std::string(index.comm(k.comm)))).arg(k.tid),
        this);
}

} // namespace aioscope::gui
