#pragma once
#include "probes/ThreadStatus.h"

#include <optional>
#include <vector>

namespace aioscope::probes {

// Reads the identity of this process's threads from /proc/self/task, so the
// probes can see kernel io threads (iou-wrk-*, iou-sqp-*) that no user-space
// code runs in.
class ThreadStatusReader {
public:
    // Every thread of this process, in tid order.
    static std::vector<ThreadStatus> listSelf();
    // One thread; nullopt once it has exited.
    static std::optional<ThreadStatus> read(pid_t tid);
    // "be/4", "idle/0", "none/0" for a raw ioprio value.
    static std::string ioprioName(int ioprio);
};

} // namespace aioscope::probes
