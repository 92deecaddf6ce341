#pragma once
#include <cstdint>

namespace aioscope {

// What a thread was doing, from sched events or engine records.
enum class LaneState : std::uint8_t { Unknown = 0, Running, Runnable, Blocked, Sleeping, Dead };
const char* laneStateName(LaneState s);

} // namespace aioscope
