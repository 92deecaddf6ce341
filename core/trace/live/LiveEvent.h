#pragma once
#include <string>

namespace aioscope::trace::live {

// One tracepoint a live capture enables, with an optional kernel-side
// filter ("sig == 25"); an empty filter records every occurrence.
struct LiveEvent {
    std::string system; // "sched"
    std::string name;   // "sched_switch"
    std::string filter;
};

} // namespace aioscope::trace::live
