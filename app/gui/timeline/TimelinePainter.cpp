#include "gui/timeline/TimelinePainter.h"

#include "gui/RequestText.h"
#include "gui/timeline/TimeFormat.h"
#include "gui/timeline/TimelineBins.h"
#include "gui/timeline/TimelineIndex.h"
#include "model/Run.h"

#include <QPainter>
#include <QImage>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace aioscope::gui {

namespace {
constexpr int kArrowDensity = 4;   // at most one arrow per this many pixels of a lane
constexpr int kMaxTokens = 400;    // in-flight markers during playback

bool passes(const TimelinePainter::Scene& s, RequestId id) {
    if (s.playback != kNoTime && s.run->requests.submitNs()[id] > s.playback)
        return false;
    return !s.filter || s.filter->isEmpty() || s.filter->accepts(*s.run, id);
}

void drawArrow(QPainter& p, QPointF from, QPointF to, const QColor& color) {
    p.setPen(QPen(color, 1.3));
    p.drawLine(from, to);
    const double angle = std::atan2(to.y() - from.y(), to.x() - from.x());
    const double len = 6.0;
    QPainterPath head;
    head.moveTo(to);
    head.lineTo(to - QPointF(len * std::cos(angle - 0.45), len * std::sin(angle - 0.45)));
    head.lineTo(to - QPointF(len * std::cos(angle + 0.45), len * std::sin(angle + 0.45)));
    head.closeSubpath();
    p.fillPath(head, color);
}
} // namespace

double TimelinePainter::xOf(const Scene& s, TimeNs t) {
    const auto& prm = s.bins->params();
    return s.geometry.plotLeft() +
           static_cast<double>(t - prm.t0) * s.geometry.plotWidth() / static_cast<double>(prm.t1 - prm.t0);
}

void TimelinePainter::paint(QPainter& p, const Scene& s) {
    const auto& g = s.geometry;
    p.fillRect(QRect(0, 0, g.width, g.height), s.colors.background);
    if (!s.run || !s.index || !s.bins) {
        p.setPen(s.colors.text);
        p.drawText(QRect(0, 0, g.width, g.height), Qt::AlignCenter,
                   s.emptyText.isEmpty() ? QStringLiteral("Open a trace or session (File > Open), or drop one here")
                                         : s.emptyText);
        return;
    }
    paintAxis(p, s);
    paintLanes(p, s);
    p.save();
    p.setClipRect(QRect(g.plotLeft(), g.axisHeight, g.plotWidth(), g.lanesBottom() - g.axisHeight));
    p.setRenderHint(QPainter::Antialiasing, true);
    paintOverlays(p, s);
    if (s.highlighted)
        for (std::size_t i = 0; i < s.highlighted->size() && i < 500; ++i)
            paintRequestOutline(p, s, (*s.highlighted)[i], s.colors.highlight, 2);
    if (s.selected != kNoRequest)
        paintRequestOutline(p, s, s.selected, s.colors.selection, 2);
    paintPlayback(p, s);
    paintAnnotations(p, s);
    p.restore();
    paintLegend(p, s);
}

void TimelinePainter::paintAxis(QPainter& p, const Scene& s) {
    const auto& g = s.geometry;
    const auto& prm = s.bins->params();
    const TimeNs span = prm.t1 - prm.t0;
    const TimeNs step = niceStep(std::max<TimeNs>(1, static_cast<TimeNs>(span * 110.0 / g.plotWidth())));
    // Labels count from the view's left edge ("+250 µs"), in the unit of the
    // step: a few digits whatever the absolute time (the corner says where
    // the view starts in the run).
    const TimeNs origin = prm.t0;
    p.setPen(s.colors.axis);
    p.drawLine(g.plotLeft(), g.axisHeight - 1, g.width, g.axisHeight - 1);
    QFont f = p.font();
    f.setPointSizeF(8.5);
    p.setFont(f);
    const QFontMetrics fm = p.fontMetrics();
    for (TimeNs t = origin + step; t <= prm.t1; t += step) {
        const int x = static_cast<int>(std::lround(xOf(s, t)));
        p.setPen(s.colors.grid);
        p.drawLine(x, g.axisHeight, x, g.lanesBottom());
        p.setPen(s.colors.axis);
        p.drawLine(x, g.axisHeight - 6, x, g.axisHeight - 1);
        const QString text = QStringLiteral("+") + formatOffset(t - origin, step);
        const int w = fm.horizontalAdvance(text);
        // Never clipped: a label that would run off the right edge ends at its tick instead.
        const int left = x + 3 + w <= g.width ? x + 3 : x - 3 - w;
        if (left < g.plotLeft())
            continue;
        p.drawText(QRect(left, 2, w + 2, g.axisHeight - 8), Qt::AlignLeft | Qt::AlignVCenter, text);
    }
    const QString corner =
        QStringLiteral("%1 from %2").arg(formatDuration(span), formatDuration(prm.t0 - s.index->runStart));
    p.drawText(QRect(6, 2, g.labelWidth - 8, g.axisHeight - 6), Qt::AlignLeft | Qt::AlignVCenter,
               fm.elidedText(corner, Qt::ElideRight, g.labelWidth - 10));
}

void TimelinePainter::paintLanes(QPainter& p, const Scene& s) {
    const auto& g = s.geometry;
    const auto& bins = *s.bins;
    const auto& layout = s.index->layout;
    const int width = bins.width();
    QFont normal = p.font();
    normal.setPointSizeF(9);
    QFont bold = normal;
    bold.setBold(true);
    // Each band's pixel per cell from a table (0 = nothing drawn): no QColor per cell.
    auto argb = [](const QColor& c) { return c.isValid() ? c.rgba() : QRgb(0); };
    QRgb statePixel[8] = {};
    for (int st = 0; st < 8; ++st)
        statePixel[st] = argb(s.colors.state(static_cast<LaneState>(st)));
    const QRgb spanPixel = argb(s.colors.span), leakSpanPixel = argb(s.colors.leakSpan), leakPixel = argb(s.colors.leak),
               otherPixel = argb(s.colors.otherSegment), inlinePixel = argb(s.colors.inlineSegment);
    auto statePx = [&](const TimelineBins::Cell& cell) { return statePixel[static_cast<std::uint8_t>(cell.state) & 7]; };
    auto spanPx = [&](const TimelineBins::Cell& cell) {
        if (cell.flags & TimelineBins::kSpanLeak) return leakSpanPixel;
        return cell.span != kNoRequest ? spanPixel : QRgb(0);
    };
    auto segmentPx = [&](const TimelineBins::Cell& cell) {
        if (cell.flags & TimelineBins::kSegmentLeak) return leakPixel;
        if (cell.segment == kNoRequest) return QRgb(0);
        return (cell.flags & TimelineBins::kSegmentOther) ? otherPixel : inlinePixel;
    };
    const int bandHeight = std::max({g.stateHeight(), g.spanHeight(), g.segmentHeight(), 1});
    QImage strip(std::max(1, width), bandHeight, QImage::Format_ARGB32_Premultiplied);
    for (int li = bins.firstLane(); li < bins.firstLane() + bins.laneCount(); ++li) {
        const int top = g.laneTop(li);
        if (top >= g.lanesBottom())
            break;
        const auto& lane = layout.lane(li);
        if (li % 2)
            p.fillRect(QRect(0, top, g.width, g.laneHeight), s.colors.laneAlt);
        if (lane.header) {
            // The folded group of tasks without I/O: one line, click to toggle.
            QFont italic = normal;
            italic.setItalic(true);
            p.setFont(italic);
            p.setPen(s.colors.axis);
            p.drawText(QRect(6, top, g.width - 12, g.laneHeight), Qt::AlignLeft | Qt::AlignVCenter,
                       lane.label + (layout.idleShown() ? QStringLiteral("  (click to fold)")
                                                        : QStringLiteral("  (click to show)")));
            continue;
        }
        // label
        p.setFont(lane.submitter ? bold : normal);
        p.setPen(s.colors.text);
        const int indent = 6 + lane.depth * 16;
        const QString label = (lane.worker ? QStringLiteral("↳ ") : QString()) + lane.label;
        p.drawText(QRect(indent, top, g.labelWidth - indent - 4, g.laneHeight), Qt::AlignLeft | Qt::AlignVCenter,
                   p.fontMetrics().elidedText(label, Qt::ElideMiddle, g.labelWidth - indent - 4));
        // columns, merged into runs of one colour
        auto runs = [&](auto pixelOf, int y, int h) {
            if (s.rasterRows) {
                // One row of pixels, repeated down the band, drawn unscaled in one call.
                auto* px = reinterpret_cast<QRgb*>(strip.scanLine(0));
                for (int c = 0; c < width; ++c)
                    px[c] = pixelOf(bins.at(li, c));
                for (int r = 1; r < h; ++r)
                    std::memcpy(strip.scanLine(r), px, static_cast<std::size_t>(width) * sizeof(QRgb));
                p.drawImage(QPoint(g.plotLeft(), y), strip, QRect(0, 0, width, h));
                return;
            }
            int c = 0;
            while (c < width) {
                const QRgb col = pixelOf(bins.at(li, c));
                int e = c + 1;
                while (e < width && pixelOf(bins.at(li, e)) == col)
                    ++e;
                if (col != 0)
                    p.fillRect(QRect(g.plotLeft() + c, y, e - c, h), QColor::fromRgba(col));
                c = e;
            }
        };
        runs(statePx, g.stateTop(li), g.stateHeight());
        // The span band: bar height = requests in flight, relative to the
        // deepest column in view, so a queue of 32 is not one flat bar.
        int maxDepth = 1;
        for (int c = 0; c < width; ++c)
            maxDepth = std::max<int>(maxDepth, bins.at(li, c).depth);
        const int h = g.spanHeight();
        auto barHeight = [&](const TimelineBins::Cell& cell) {
            if (cell.span == kNoRequest)
                return 0;
            if (maxDepth <= 1)
                return h;
            return std::clamp(
                static_cast<int>(std::lround(static_cast<double>(h) * std::max<int>(cell.depth, 1) / maxDepth)), 2, h);
        };
        if (s.rasterRows) {
            for (int r = 0; r < h; ++r) {
                auto* px = reinterpret_cast<QRgb*>(strip.scanLine(r));
                for (int c = 0; c < width; ++c) {
                    const auto& cell = bins.at(li, c);
                    px[c] = h - r <= barHeight(cell) ? spanPx(cell) : QRgb(0);
                }
            }
            p.drawImage(QPoint(g.plotLeft(), g.spanTop(li)), strip, QRect(0, 0, width, h));
        } else {
            int c = 0;
            while (c < width) {
                const auto& cell = bins.at(li, c);
                const QRgb col = spanPx(cell);
                const int bh = barHeight(cell);
                int e = c + 1;
                while (e < width && spanPx(bins.at(li, e)) == col && barHeight(bins.at(li, e)) == bh)
                    ++e;
                if (col != 0 && bh > 0)
                    p.fillRect(QRect(g.plotLeft() + c, g.spanTop(li) + h - bh, e - c, bh), QColor::fromRgba(col));
                c = e;
            }
        }
        if (maxDepth > 1) {
            // Say how deep the chart goes, in the label column's corner.
            QFont small = normal;
            small.setPointSizeF(7);
            p.setFont(small);
            p.setPen(s.colors.axis);
            p.drawText(QRect(4, top, g.labelWidth - 8, g.laneHeight - 2), Qt::AlignRight | Qt::AlignBottom,
                       QStringLiteral("≤%1 in flight").arg(maxDepth));
        }
        runs(segmentPx, g.segmentTop(li), g.segmentHeight());
    }
    p.setPen(s.colors.grid);
    p.drawLine(g.labelWidth - 1, g.axisHeight, g.labelWidth - 1, g.lanesBottom());
}

void TimelinePainter::paintOverlays(QPainter& p, const Scene& s) {
    const auto& g = s.geometry;
    const auto& bins = *s.bins;
    const auto& prm = bins.params();
    const auto& layout = s.index->layout;
    const Run& run = *s.run;
    auto submitter = run.requests.submitter();
    auto submitNs = run.requests.submitNs();
    auto submitEndNs = run.requests.submitEndNs();
    auto queuedNs = run.requests.queuedNs();
    auto flags = run.requests.flags();
    QFont f = p.font();
    f.setPointSizeF(8);
    f.setBold(true);
    p.setFont(f);
    const std::size_t limit = static_cast<std::size_t>(std::max(1, g.plotWidth() / kArrowDensity));
    for (int li = bins.firstLane(); li < bins.firstLane() + bins.laneCount(); ++li) {
        const TaskId task = layout.lane(li).task;
        if (task >= run.tasks.size() || task >= run.timeline.laneCount())
            continue; // group header
        // Segments that start inside the window (a long segment starting
        // earlier has its arrow off screen anyway).
        const auto& seg = run.timeline.segments(task);
        const auto first = static_cast<std::size_t>(std::lower_bound(seg.start.begin(), seg.start.end(), prm.t0) - seg.start.begin());
        const auto last = static_cast<std::size_t>(std::lower_bound(seg.start.begin(), seg.start.end(), prm.t1) - seg.start.begin());
        if (last <= first || last - first > limit)
            continue; // too dense to draw arrows readably: the bins already show the colour
        double labelEnd = -1e9; // labels on one lane must not overlap
        for (std::size_t i = first; i < last; ++i) {
            const RequestId id = seg.request[i];
            if (id >= submitter.size() || submitter[id] == task || !passes(s, id))
                continue;
            // One arrow per hand-off: later segments of the same request on this lane continue it.
            if (i > 0 && seg.request[i - 1] == id)
                continue;
            if (s.playback != kNoTime && seg.start[i] > s.playback)
                continue;
            const int subLane = layout.indexOfTask(submitter[id]);
            TimeNs from = queuedNs[id] != kNoTime ? queuedNs[id] : (submitEndNs[id] != kNoTime ? submitEndNs[id] : submitNs[id]);
            const double y0 = subLane < 0 ? g.axisHeight : std::clamp<double>(g.spanTop(subLane) + g.spanHeight(), g.axisHeight, g.lanesBottom());
            const double y1 = g.segmentTop(li);
            drawArrow(p, QPointF(xOf(s, from), y0), QPointF(xOf(s, seg.start[i]), y1), s.colors.arrow);
            {
                // A hand-off is labelled as one; only a leaking attribute turns it red.
                const bool leak = flags[id] & kRequestLeak;
                const QString text = leak ? QStringLiteral("leak: %1").arg(RequestText::leakAttributes(run, id))
                                          : QStringLiteral("current \u2260 submitter");
                const double x = std::max<double>(xOf(s, seg.end[i]) + 3, g.plotLeft() + 2);
                const double w = p.fontMetrics().horizontalAdvance(text) + 6;
                if (x < labelEnd)
                    continue;
                labelEnd = x + w;
                p.setPen(leak ? s.colors.leak : s.colors.arrow);
                p.drawText(QRectF(x, g.laneTop(li), w, g.segmentTop(li) - g.laneTop(li) + 1), Qt::AlignLeft | Qt::AlignVCenter, text);
            }
        }
    }
}

std::vector<QRect> TimelinePainter::requestRects(const Scene& s, RequestId id) {
    std::vector<QRect> out;
    if (!s.run || !s.bins || id >= s.run->requests.size())
        return out;
    const auto& g = s.geometry;
    const Request r = s.run->requests.get(id);
    const QRect plot(g.plotLeft(), g.axisHeight, g.plotWidth(), g.lanesBottom() - g.axisHeight);
    auto add = [&](int lane, TimeNs t0, TimeNs t1, int top, int h) {
        if (lane < 0)
            return;
        const int x0 = static_cast<int>(std::floor(xOf(s, t0)));
        const int x1 = std::max(x0 + 1, static_cast<int>(std::ceil(xOf(s, t1))));
        const QRect rc = QRect(x0, top, x1 - x0, h).intersected(plot);
        if (!rc.isEmpty())
            out.push_back(rc);
    };
    const auto& layout = s.index->layout;
    const int subLane = layout.indexOfTask(r.submitter);
    const TimeNs end = r.completeNs == kNoTime ? s.index->runEnd : r.completeNs;
    add(subLane, r.submitNs, end, g.spanTop(subLane), g.spanHeight());
    for (const auto& seg : s.run->segmentsOf(id)) {
        const int lane = layout.indexOfTask(seg.task);
        add(lane, seg.startNs, seg.endNs, g.segmentTop(lane), g.segmentHeight());
    }
    return out;
}

void TimelinePainter::paintRequestOutline(QPainter& p, const Scene& s, RequestId id, const QColor& color, int width) {
    p.setPen(QPen(color, width));
    p.setBrush(Qt::NoBrush);
    for (const QRect& rc : requestRects(s, id))
        p.drawRect(rc.adjusted(-1, -1, 1, 1));
}

void TimelinePainter::paintPlayback(QPainter& p, const Scene& s) {
    if (s.playback == kNoTime)
        return;
    const auto& g = s.geometry;
    const double x = xOf(s, s.playback);
    p.setPen(QPen(s.colors.playback, 2));
    p.drawLine(QPointF(x, g.axisHeight), QPointF(x, g.lanesBottom()));
    // Requests in flight at the playback time: a token on the lane that holds
    // them now (the submitter while queued, the executor while it runs).
    const auto& bins = *s.bins;
    const auto& layout = s.index->layout;
    const Run& run = *s.run;
    int drawn = 0;
    p.setPen(Qt::NoPen);
    for (int li = bins.firstLane(); li < bins.firstLane() + bins.laneCount() && drawn < kMaxTokens; ++li) {
        if (layout.lane(li).task >= s.index->spans.size())
            continue; // group header
        const auto& spans = s.index->spans[layout.lane(li).task];
        auto it = std::upper_bound(spans.start.begin(), spans.start.end(), s.playback);
        for (long i = static_cast<long>(it - spans.start.begin()) - 1; i >= 0 && drawn < kMaxTokens; --i) {
            const auto u = static_cast<std::size_t>(i);
            if (spans.maxEnd[u] <= s.playback)
                break;
            if (spans.end[u] <= s.playback || !passes(s, spans.request[u]))
                continue;
            const RequestId id = spans.request[u];
            const Request r = run.requests.get(id);
            // Where the request is now: on the executor's lane while it runs;
            // between the submitter and the executor on the hand-off arrow
            // while it waits to be picked up (so the token travels down the
            // arrow), and on its way back to the submitter between the end of
            // its execution and its completion.
            int lane = li;
            const double ySub = g.spanTop(li) + g.spanHeight() / 2.0;
            double y = ySub;
            const auto segs = run.segmentsOf(id);
            const ExecSegment* firstOther = nullptr;
            const ExecSegment* lastOther = nullptr;
            for (const auto& seg : segs) {
                if (seg.task != r.submitter) {
                    if (!firstOther)
                        firstOther = &seg;
                    lastOther = &seg;
                }
                if (seg.startNs <= s.playback && s.playback < seg.endNs) {
                    lane = layout.indexOfTask(seg.task);
                    y = g.segmentTop(lane) + g.segmentHeight() / 2.0;
                }
            }
            auto along = [&](const ExecSegment* seg, TimeNs a, TimeNs b, bool outward) {
                const int wl = layout.indexOfTask(seg->task);
                if (wl < 0 || b <= a || s.playback < a || s.playback >= b)
                    return false;
                const double yWork = g.segmentTop(wl) + g.segmentHeight() / 2.0;
                const double f = static_cast<double>(s.playback - a) / static_cast<double>(b - a);
                y = outward ? ySub + f * (yWork - ySub) : yWork + f * (ySub - yWork);
                lane = li;
                return true;
            };
            if (firstOther && s.playback < firstOther->startNs) {
                const TimeNs from =
                    r.queuedNs != kNoTime ? r.queuedNs : (r.submitEndNs != kNoTime ? r.submitEndNs : r.submitNs);
                if (along(firstOther, from, firstOther->startNs, true)) {
                    // The way travelled so far: from the submitter's lane to the token, so
                    // a class sees the request leave its submitter for the executor's lane.
                    p.setPen(QPen(s.colors.arrow, 2.0));
                    p.drawLine(QPointF(xOf(s, from), ySub), QPointF(x, y));
                    p.setPen(Qt::NoPen);
                }
            } else if (lastOther && s.playback >= lastOther->endNs && r.completeNs != kNoTime) {
                if (along(lastOther, lastOther->endNs, r.completeNs, false)) {
                    // The completion travels back: a thin line from the executor to the submitter.
                    const int wl = layout.indexOfTask(lastOther->task);
                    QColor back = s.colors.arrow;
                    back.setAlpha(150);
                    p.setPen(QPen(back, 1.0, Qt::DashLine));
                    p.drawLine(QPointF(xOf(s, lastOther->endNs), g.segmentTop(wl) + g.segmentHeight() / 2.0),
                               QPointF(xOf(s, r.completeNs), ySub));
                    p.setPen(Qt::NoPen);
                }
            }
            if (lane < bins.firstLane() || lane >= bins.firstLane() + bins.laneCount())
                continue;
            // Larger than the playback line is wide, with a light ring: it must not
            // read as part of the line on a projector.
            const bool leak = run.requests.flags()[id] & kRequestLeak;
            p.setPen(QPen(s.colors.background, 2.0));
            p.setBrush(leak ? s.colors.leak : s.colors.playback);
            p.drawEllipse(QPointF(x, y), 6.5, 6.5);
            p.setPen(Qt::NoPen);
            ++drawn;
        }
    }
}

void TimelinePainter::paintAnnotations(QPainter& p, const Scene& s) {
    if (!s.annotations || s.annotations->empty())
        return;
    const auto& g = s.geometry;
    const auto& prm = s.bins->params();
    const QRectF plot(g.plotLeft(), g.axisHeight, g.plotWidth(), g.lanesBottom() - g.axisHeight);
    p.save();
    QFont f = p.font();
    f.setPointSizeF(8);
    f.setBold(false);
    p.setFont(f);
    const int labelHeight = p.fontMetrics().height() + 2;
    // A session holds a handful of notes: one pass skipping those off screen
    // keeps the cost at the visible ones.
    for (const Annotation& a : *s.annotations) {
        if (a.run != s.runIndex || a.startNs == kNoTime)
            continue;
        const bool point = a.bookmark || a.endNs == kNoTime || a.endNs <= a.startNs;
        const TimeNs end = point ? a.startNs : a.endNs;
        if (end < prm.t0 || a.startNs > prm.t1)
            continue;
        const double x0 = std::max(xOf(s, a.startNs), plot.left() - 2);
        const double x1 = std::min(xOf(s, end), plot.right() + 2);
        const QColor color = point ? s.colors.bookmark : s.colors.annotation;
        QColor band = color;
        band.setAlpha(48);
        double labelLeft = x0 + 3;
        // Edges on whole pixels in the plain colour (crisp, and found by tests).
        const int e0 = static_cast<int>(std::floor(x0)), e1 = static_cast<int>(std::floor(x1));
        const int top = static_cast<int>(plot.top()), height = static_cast<int>(plot.height());
        if (point) {
            p.fillRect(QRect(e0 - 1, top, 2, height), color);
            QPolygonF flag;
            flag << QPointF(x0, plot.top()) << QPointF(x0 + 10, plot.top() + 4) << QPointF(x0, plot.top() + 8);
            p.setPen(Qt::NoPen);
            p.setBrush(color);
            p.drawPolygon(flag);
            labelLeft = x0 + 12;
        } else {
            p.fillRect(QRect(e0, top, std::max(1, e1 - e0), height), band);
            p.fillRect(QRect(e0, top, 1, height), color);
            p.fillRect(QRect(e1, top, 1, height), color);
        }
        if (a.text.empty())
            continue;
        // The label starts inside the view and is elided at the band's end (or the view's).
        labelLeft = std::max(labelLeft, plot.left() + 3);
        const double labelRight = point ? plot.right() - 2 : std::max(x1 - 2, labelLeft + 40);
        const int room = static_cast<int>(std::min(labelRight, plot.right() - 2) - labelLeft);
        if (room < 12)
            continue;
        const QString text =
            p.fontMetrics().elidedText(QString::fromStdString(a.text).simplified(), Qt::ElideRight, room);
        const QRectF box(labelLeft - 2, plot.top() + 1, p.fontMetrics().horizontalAdvance(text) + 4, labelHeight);
        QColor back = s.colors.background;
        back.setAlpha(210);
        p.fillRect(box, back);
        p.setPen(color.darker(point ? 100 : 130));
        p.drawText(box, Qt::AlignCenter, text);
    }
    p.restore();
}

void TimelinePainter::paintLegend(QPainter& p, const Scene& s) {
    const auto& g = s.geometry;
    const int y = g.lanesBottom();
    p.fillRect(QRect(0, y, g.width, g.legendHeight), s.colors.background);
    p.setPen(s.colors.grid);
    p.drawLine(0, y, g.width, y);
    const std::pair<QColor, QString> items[] = {
        {s.colors.running, QStringLiteral("running")},
        {s.colors.runnable, QStringLiteral("runnable")},
        {s.colors.blocked, QStringLiteral("blocked")},
        {s.colors.sleeping, QStringLiteral("sleeping")},
        {s.colors.span, QStringLiteral("submit → completion")},
        {s.colors.inlineSegment, QStringLiteral("ran on submitter")},
        {s.colors.otherSegment, QStringLiteral("hand-off: ran on another thread")},
        {s.colors.leak, QStringLiteral("leak: an attribute not carried")},
    };
    QFont f = p.font();
    f.setPointSizeF(8);
    f.setBold(false);
    p.setFont(f);
    int x = 8;
    for (const auto& [color, text] : items) {
        p.fillRect(QRect(x, y + 7, 12, 9), color);
        p.setPen(s.colors.text);
        const int w = p.fontMetrics().horizontalAdvance(text);
        p.drawText(QRect(x + 16, y + 2, w + 4, g.legendHeight - 4), Qt::AlignLeft | Qt::AlignVCenter, text);
        x += w + 34;
        if (x > g.width - 60)
            break;
    }
}

} // namespace aioscope::gui
