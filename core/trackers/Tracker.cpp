#include "trackers/Tracker.h"

namespace aioscope::trackers {

// Key function: the vtable is emitted here once.
Tracker::~Tracker() = default;

} // namespace aioscope::trackers
