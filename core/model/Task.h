#pragma once
#include "model/Ids.h"

#include <cstdint>

namespace aioscope {

// What a thread was to the I/O: the timeline puts submitters first and groups
// workers under the submitters they served.
enum class TaskRole : std::uint8_t {
    Unknown = 0,
    Submitter = 1,   // submitted at least one request
    Worker = 2,      // executed a request it did not submit
    KernelThread = 3 // kworker, iou-wrk-*, iou-sqp-* when not classified otherwise
};

// One thread over its lifetime. A reused tid gets a new Task.
struct Task {
    std::int32_t tid = 0;
    std::int32_t pid = 0; // thread group id; 0 when the source does not say
    StringId comm = kEmptyString;
    TimeNs firstSeenNs = kNoTime;
    TimeNs lastSeenNs = kNoTime;
    TaskRole role = TaskRole::Unknown;
    // The task that created this one, when the source says (fork events,
    // engine pools); lets the GUI group workers and the probes say who
    // created a worker.
    TaskId parent = kNoTask;
    // Derived (RunDerivation): for a worker, the submitter whose requests it
    // ran most; the timeline groups its lane under that submitter's.
    TaskId served = kNoTask;
};

const char* taskRoleName(TaskRole role);

} // namespace aioscope
