#include "gui/timeline/TimeFormat.h"

#include "analysis/DurationFormat.h"

#include <cmath>
#include <cstdlib>

namespace aioscope::gui {

QString formatDuration(TimeNs ns) { return QString::fromStdString(analysis::formatDuration(ns)); }

QString formatOffset(TimeNs offset, TimeNs step) {
    const double v = static_cast<double>(offset);
    auto decimals = [&](double unit) {
        int d = 0;
        for (double s = static_cast<double>(step) / unit; s < 1.0 - 1e-9 && d < 6; s *= 10)
            ++d;
        return d;
    };
    if (step < 1000)
        return QStringLiteral("%1 ns").arg(offset);
    if (step < 1'000'000)
        return QStringLiteral("%1 µs").arg(v / 1e3, 0, 'f', decimals(1e3));
    if (step < 1'000'000'000)
        return QStringLiteral("%1 ms").arg(v / 1e6, 0, 'f', decimals(1e6));
    return QStringLiteral("%1 s").arg(v / 1e9, 0, 'f', decimals(1e9));
}

TimeNs niceStep(TimeNs minimum) {
    TimeNs base = 1;
    while (true) {
        for (TimeNs m : {1, 2, 5})
            if (base * m >= minimum)
                return base * m;
        if (base > (TimeNs{1} << 60) / 10)
            return base;
        base *= 10;
    }
}

} // namespace aioscope::gui
