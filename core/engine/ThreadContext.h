#pragma once
#include "model/ContextSnapshot.h"

namespace aioscope::engine {

// Reads the calling thread's identity as the kernel sees it: tid, pid,
// uid/euid/fsuid, gid/fsgid, effective capabilities, ioprio, nice, CPU
// affinity, current CPU, RLIMIT_FSIZE and blocked signals. Syscalls only
// (no /proc parsing), so it is cheap enough to call per request when asked.
ContextSnapshot captureThreadContext();

// Monotonic clock in ns (CLOCK_MONOTONIC), the engine's only time base.
TimeNs monotonicNowNs();

// The calling thread's kernel tid.
int currentTid();

} // namespace aioscope::engine
