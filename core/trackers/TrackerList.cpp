#include "trackers/TrackerList.h"

namespace aioscope::trackers {

std::vector<std::unique_ptr<Tracker>> makeTrackers() {
    std::vector<std::unique_ptr<Tracker>> list;
    // ---- trackers, in visiting order; add one line per tracker ----
    // (EngineEventTracker from the CTF engineer goes right before ContextCheckTracker.)
    return list;
}

} // namespace aioscope::trackers
