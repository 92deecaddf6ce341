#include "gui/details/RequestPhaseBar.h"

#include "gui/timeline/TimeFormat.h"
#include "gui/timeline/TimelineColors.h"
#include "model/Run.h"

#include <QPainter>

#include <algorithm>

namespace aioscope::gui {

RequestPhaseBar::RequestPhaseBar(QWidget* parent) : QWidget(parent) { setMinimumHeight(46); }

void RequestPhaseBar::setRequest(const Run* run, RequestId id) {
    run_ = run;
    id_ = id;
    update();
}

void RequestPhaseBar::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    if (!run_ || id_ >= run_->requests.size())
        return;
    const Request r = run_->requests.get(id_);
    const TimeNs t0 = r.submitNs;
    const TimeNs t1 = r.completeNs == kNoTime ? run_->endNs() : r.completeNs;
    const double span = std::max<double>(1.0, static_cast<double>(t1 - t0));
    const int left = 8, right = width() - 8, top = 6, h = 16;
    auto x = [&](TimeNs t) { return left + static_cast<int>((right - left) * static_cast<double>(t - t0) / span); };
    const auto c = TimelineColors::light();
    p.fillRect(QRect(left, top, right - left, h), c.span);
    if (r.submitEndNs != kNoTime)
        p.fillRect(QRect(x(t0), top, std::max(1, x(r.submitEndNs) - x(t0)), h), c.runnable);
    const bool leak = run_->requests.flags()[id_] & kRequestLeak;
    for (const auto& s : run_->segmentsOf(id_)) {
        const QColor col = s.task == r.submitter ? c.inlineSegment : (leak ? c.leak : c.otherSegment);
        p.fillRect(QRect(x(s.startNs), top, std::max(2, x(s.endNs) - x(s.startNs)), h), col);
    }
    p.setPen(palette().text().color());
    QFont f = font();
    f.setPointSizeF(8);
    p.setFont(f);
    p.drawText(QRect(left, top + h + 2, 200, 16), Qt::AlignLeft, QStringLiteral("submit"));
    p.drawText(QRect(right - 200, top + h + 2, 200, 16), Qt::AlignRight,
               QStringLiteral("complete +%1").arg(formatDuration(t1 - t0)));
}

} // namespace aioscope::gui
