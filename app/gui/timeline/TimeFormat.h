#pragma once
#include "model/Ids.h"

#include <QString>

namespace aioscope::gui {

// analysis::formatDuration (the one duration formatter: "850 ns", "12.3 µs",
// "4.56 ms", "1.20 s", "-" for kNoTime) as a QString.
QString formatDuration(TimeNs ns);
// Tick label for an offset from the run start, with precision fitted to the step.
QString formatOffset(TimeNs offset, TimeNs step);
// 1, 2 or 5 times a power of ten nanoseconds, at least `minimum`.
TimeNs niceStep(TimeNs minimum);

} // namespace aioscope::gui
