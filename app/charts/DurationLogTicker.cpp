#include "charts/DurationLogTicker.h"

#include "analysis/DurationFormat.h"

namespace aioscope::charts {

DurationLogTicker::DurationLogTicker() {
    setLogBase(10);
    setSubTickCount(8);
}

QString DurationLogTicker::getTickLabel(double tick, const QLocale&, QChar, int) {
    return QString::fromStdString(analysis::formatDuration(static_cast<TimeNs>(tick + 0.5)));
}

} // namespace aioscope::charts
