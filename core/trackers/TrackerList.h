#pragma once
#include "trackers/Tracker.h"

#include <memory>
#include <vector>

namespace aioscope::trackers {

// Every tracker an import runs, in the order each event visits them
// (TaskTracker first, ContextFactTracker last).
std::vector<std::unique_ptr<Tracker>> makeTrackers();

} // namespace aioscope::trackers
