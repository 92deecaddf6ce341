#include "gui/events/EventOverlay.h"

#include "gui/timeline/TimelineBins.h"
#include "gui/timeline/TimelineIndex.h"

#include <QPainter>
#include <QPolygon>

#include <algorithm>
#include <cmath>

namespace aioscope::gui {

QColor EventOverlay::kindColor(std::size_t kind) {
    static const QColor colors[] = {QColor(0xe6, 0x51, 0x00), QColor(0x00, 0x79, 0x6b), QColor(0x30, 0x4f, 0xfe),
                                    QColor(0x8e, 0x24, 0xaa), QColor(0x5d, 0x40, 0x37)};
    return colors[kind % (sizeof colors / sizeof colors[0])];
}

void EventOverlay::paint(QPainter& p, const TimelinePainter::Scene& s) const {
    drawn_ = 0;
    if (!s.bins || !s.index)
        return;
    const auto& g = s.geometry;
    const auto& prm = s.bins->params();
    if (prm.t1 <= prm.t0)
        return;
    p.save();
    p.setClipRect(QRect(g.plotLeft(), g.axisHeight, g.plotWidth(), g.lanesBottom() - g.axisHeight));
    const double nsPerPx = static_cast<double>(prm.t1 - prm.t0) / g.plotWidth();
    auto timeOfX = [&](int x) { return prm.t0 + static_cast<TimeNs>(std::ceil((x - g.plotLeft()) * nsPerPx)); };
    QPoint selectedAt(-1, -1);
    if (markers_ && markers_->count) {
        p.setRenderHint(QPainter::Antialiasing, true);
        const int lastLane = std::min(s.index->layout.count() - 1, g.firstLane + g.visibleLanes());
        for (int lane = g.firstLane; lane <= lastLane; ++lane) {
            const TaskId task = s.index->layout.lane(lane).task;
            if (task >= markers_->byTask.size())
                continue;
            const EventMarkers::Lane& m = markers_->byTask[task];
            if (m.ts.empty())
                continue;
            const int y = g.laneTop(lane) + 1;
            // Jump from mark to the next pixel column: at most one lookup per drawn mark.
            auto it = std::lower_bound(m.ts.begin(), m.ts.end(), prm.t0);
            while (it != m.ts.end() && *it < prm.t1) {
                const std::size_t i = static_cast<std::size_t>(it - m.ts.begin());
                const int x = static_cast<int>(TimelinePainter::xOf(s, *it));
                const QColor c = kindColor(m.kind[i]);
                p.setPen(QPen(c.darker(140), 1));
                p.setBrush(c);
                p.drawPolygon(QPolygon({QPoint(x - 4, y), QPoint(x + 4, y), QPoint(x, y + 8)}));
                p.drawLine(x, y + 8, x, g.laneTop(lane) + g.laneHeight - 2);
                ++drawn_;
                // A selected event hidden under another mark of the same column still gets its ring.
                auto next = std::lower_bound(it, m.ts.end(), timeOfX(x + 1));
                for (auto j = it; j != next; ++j)
                    if (m.id[static_cast<std::size_t>(j - m.ts.begin())] == selectedEvent_)
                        selectedAt = QPoint(x, y + 3);
                it = next == it ? it + 1 : next;
            }
        }
    }
    if (cursor_ != kNoTime && cursor_ >= prm.t0 && cursor_ <= prm.t1) {
        const int x = static_cast<int>(TimelinePainter::xOf(s, cursor_));
        p.setRenderHint(QPainter::Antialiasing, false);
        p.setPen(QPen(s.colors.selection, 1, Qt::DashLine));
        p.drawLine(x, g.axisHeight, x, g.lanesBottom());
    }
    if (selectedAt.x() >= 0) {
        p.setRenderHint(QPainter::Antialiasing, true);
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(s.colors.selection, 2));
        p.drawEllipse(selectedAt, 8, 8);
    }
    p.restore();
}

} // namespace aioscope::gui
