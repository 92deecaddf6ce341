#pragma once
#include "model/Ids.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace aioscope {
class Run;
namespace trace {
class EventIndex;
}
} // namespace aioscope

namespace aioscope::gui {

// KernelShark's CPU plots from the event index: per CPU, its events in time
// order. Between two events on a CPU the task running there is the second
// one's (any switch in between would itself be an event), so a pixel column
// is one binary search. Request segments are looked up per task.
struct CpuLanes {
    struct Lane {
        std::int32_t cpu = -1;
        std::vector<std::uint32_t> ids; // event ids on this CPU, in time order
    };
    struct Segment {
        TimeNs start, end;
        RequestId request;
        bool handOff; // ran on another task than its submitter
    };
    std::vector<Lane> lanes;                                              // by CPU number, CPUs without events left out
    std::vector<std::vector<Segment>> segmentsByTask;                     // by TaskId, by start
    std::vector<std::pair<std::int32_t, std::vector<TaskId>>> tasksByTid; // sorted by tid

    static std::shared_ptr<const CpuLanes> build(const Run& run);
    // The task that ran `tid` at `t` (a tid is reused), kNoTask when none.
    TaskId taskOf(const Run& run, std::int32_t tid, TimeNs t) const;
    // The segment of `task` covering t, or nullptr.
    const Segment* segmentAt(TaskId task, TimeNs t) const;
};

} // namespace aioscope::gui
