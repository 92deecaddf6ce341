#pragma once
#include "engine/IoRequest.h"

namespace aioscope::engine {

// Runs one request with plain blocking syscalls in the calling thread
// (pread, pwrite, fsync, openat, poll) and fills the completion: result,
// executor tid, start/end times and, when asked, the executor's identity.
// Shared by every design whose executor is a user-space thread.
class BlockingExecutor {
public:
    static void execute(const IoRequest& request, IoCompletion& out, bool captureExecutor, bool trace = true);
    // The syscall only; returns the result (bytes, fd, revents, -ETIME for a
    // poll that did not fire, or -errno).
    static std::int64_t perform(const IoRequest& request);
};

} // namespace aioscope::engine
