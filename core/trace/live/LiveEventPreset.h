#pragma once
#include "model/Result.h"
#include "trace/live/LiveEvent.h"

#include <string_view>
#include <vector>

namespace aioscope::trace::live {

// The named sets of tracepoints a capture records. "engine" is what the
// trackers read (io_uring, sched, task, the designs' syscalls, block,
// workqueue, signal_generate, cap_capable); "probe" the probes' smaller set;
// "sched" scheduling and task life only.
class LiveEventPreset {
public:
    static Result<std::vector<LiveEvent>> named(std::string_view preset);
    static std::vector<std::string_view> names();
    // The trace systems the events belong to (what tep must know).
    static std::vector<std::string> systemsOf(const std::vector<LiveEvent>& events);
};

} // namespace aioscope::trace::live
