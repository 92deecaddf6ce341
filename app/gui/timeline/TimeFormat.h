#pragma once
#include "model/Ids.h"

#include <QString>

namespace aioscope::gui {

// Readable durations: "850 ns", "12.5 µs", "3.20 ms", "1.500 s".
QString formatDuration(TimeNs ns);
// Tick label for an offset from the run start, with precision fitted to the step.
QString formatOffset(TimeNs offset, TimeNs step);
// 1, 2 or 5 times a power of ten nanoseconds, at least `minimum`.
TimeNs niceStep(TimeNs minimum);

} // namespace aioscope::gui
