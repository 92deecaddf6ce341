#pragma once
#include "trace/RawEvent.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace aioscope::trace {

// lttng-modules records carry no tid unless the user added a context
// (`lttng add-context -k -t tid`). The reader fills tid/pid/comm in from
// what the kernel trace itself says, so trackers see every format alike:
//   sched_switch                  -> the CPU's current task becomes next_tid/next_comm
//                                    (the switch itself runs as prev_tid/prev_comm)
//   lttng_statedump_process_state -> tid -> pid and name
//   sched_process_fork            -> child_tid -> child_pid, child_comm
//   sched_process_exec            -> the current task's comm becomes the file's base name
// Records on a CPU before its first sched_switch keep tid -1. The state is
// shared by every kernel trace of one import (one machine).
class LttngKernelTaskState {
public:
    enum class Kind : std::uint8_t { Other, SchedSwitch, StatedumpProcessState, SchedProcessFork, SchedProcessExec };
    static Kind kindOf(std::string_view eventName);

    // Updates the state from one kernel record and fills event.tid/pid/comm
    // (left as they are when the record's context already said).
    void apply(Kind kind, RawEvent& event);
    // Fills tid/pid/comm of a record from the CPU's current task (user-space
    // records without a vtid context, in a collection with a kernel trace).
    void fillFromCpu(RawEvent& event) const;
    bool sawSchedSwitch() const { return sawSchedSwitch_; }

private:
    struct Known {
        std::int32_t pid = -1;
        std::string comm;
    };
    struct Current {
        std::int32_t tid = -1;
        std::int32_t pid = -1;
        std::string comm;
    };
    Current* cpu(std::int32_t index);
    std::int32_t pidOf(std::int32_t tid) const;
    void learn(std::int32_t tid, std::int32_t pid, std::string_view comm);

    std::vector<Current> cpus_;
    std::unordered_map<std::int32_t, Known> known_;
    bool sawSchedSwitch_ = false;
};

} // namespace aioscope::trace
