#pragma once
#include <qcustomplot.h>

namespace aioscope::charts {

// Log ticks on an axis in nanoseconds, labelled "1 µs", "10 ms", ...
class DurationLogTicker : public QCPAxisTickerLog {
public:
    DurationLogTicker();

protected:
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar, int precision) override;
};

} // namespace aioscope::charts
