#pragma once
#include <string_view>

namespace aioscope::trace {

// The ftrace system of an event name met without one (ftrace text prints
// "sched_switch:", not "sched:sched_switch"): canonical events name both.
class FtraceEventSystem {
public:
    // Empty for a name no system is known for.
    static std::string_view of(std::string_view name);
};

} // namespace aioscope::trace
