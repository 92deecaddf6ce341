#pragma once
#include "model/ContextAttribute.h"
#include "model/Ids.h"

#include <cstdint>

namespace aioscope {

// How a fact relates to time.
enum class FactKind : std::uint8_t {
    // The task's attribute had this value at timeNs, as observed (a
    // sched_switch's prio): most likely also a while before.
    Value = 0,
    // The kernel used this value right now, for whatever the task was running
    // (block_rq_insert's ioprio, cap_capable's cred, SIGXFSZ delivered to it).
    Consulted = 1,
    // The task was running on CPU `value` from timeNs on (CpuAffinity only).
    RanOn = 2,
    // The value changed at timeNs (a setpriority/ioprio_set/sched_setaffinity
    // that returned 0): in effect from then on, never before.
    Set = 3,
};

// One raw observation of one task's context, as a trace event or the engine
// showed it. Producers only append these; RunDerivation compares them.
// Values per attribute: CpuPriority the kernel prio (120 + nice for normal
// tasks), Ioprio the raw IOPRIO_PRIO_VALUE, Credentials the cred pointer,
// CpuAffinity a CPU mask (0 = set, mask not shown), Sigxfsz the receiver's tid.
struct ContextFact {
    TaskId task = kNoTask;
    TimeNs timeNs = kNoTime;
    ContextAttribute attribute = ContextAttribute::RetiredTid;
    FactKind kind = FactKind::Value;
    std::uint64_t value = 0;
    StringId evidence = kEmptyString; // the event, e.g. "block_rq_insert 254,0 WS 4096 ioprio=be,0,4"
};

} // namespace aioscope
