#include "trackers/TrackerList.h"

#include "trackers/BlockTracker.h"
#include "trackers/ContextFactTracker.h"
#include "trackers/EngineEventTracker.h"
#include "trackers/IoUringTracker.h"
#include "trackers/NativeAioTracker.h"
#include "trackers/SchedTracker.h"
#include "trackers/SyscallTracker.h"
#include "trackers/TaskTracker.h"

namespace aioscope::trackers {

std::vector<std::unique_ptr<Tracker>> makeTrackers() {
    std::vector<std::unique_ptr<Tracker>> list;
    // ---- trackers, in visiting order; add one line per tracker ----
    list.push_back(std::make_unique<TaskTracker>());
    list.push_back(std::make_unique<SchedTracker>());
    list.push_back(std::make_unique<IoUringTracker>());
    list.push_back(std::make_unique<NativeAioTracker>());
    list.push_back(std::make_unique<SyscallTracker>());
    list.push_back(std::make_unique<BlockTracker>());
    list.push_back(std::make_unique<EngineEventTracker>()); // the engine's aioscope:* lttng-ust events
    list.push_back(std::make_unique<ContextFactTracker>()); // context evidence for RunDerivation
    return list;
}

} // namespace aioscope::trackers
