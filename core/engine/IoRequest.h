#pragma once
#include "model/ContextSnapshot.h"
#include "model/Ids.h"
#include "model/Request.h"

#include <cstdint>

namespace aioscope::engine {

// One operation handed to a design by the submitting thread. The buffer and
// path stay owned by the caller until the completion is reaped.
struct IoRequest {
    std::uint64_t seq = 0; // caller's id; comes back in IoCompletion
    IoOp op = IoOp::Read;
    int fd = -1;           // Read/Write/Fsync/Poll; the directory fd for Open (AT_FDCWD allowed)
    void* buffer = nullptr;
    std::uint32_t length = 0;
    std::uint64_t offset = 0;
    const char* path = nullptr; // Open: a path, relative paths resolve against the executor's cwd
    int openFlags = 0;          // Open
    unsigned openMode = 0;      // Open
    short pollEvents = 0;       // Poll: POLLIN, ...
    int pollTimeoutMs = 0;      // Poll: user-space designs wait at most this long in poll()
};

// What came back, and who ran it. Kernel designs that cannot see their
// executor leave executorTid at 0 and executor.known at 0.
struct IoCompletion {
    std::uint64_t seq = 0;
    std::int64_t result = 0; // bytes, a new fd (Open), revents (Poll) or -errno
    std::int32_t executorTid = 0;
    TimeNs startNs = kNoTime; // execution start/end where the design can see them
    TimeNs endNs = kNoTime;
    TimeNs completeNs = kNoTime;
    // The design knows the request ran inside the submit call on the
    // submitter (libaio buffered, io_uring completed during io_uring_enter).
    bool ranInline = false;
    // syslet: the thread the submission loop moved to while this request
    // blocked in its submitter (0 when the loop did not move).
    std::int32_t continuationTid = 0;
    // When the workload got control back, if not when submit() returned
    // (syslet: the moment the loop resumed on a spare thread).
    TimeNs submitReturnNs = kNoTime;
    ContextSnapshot executor;
};

} // namespace aioscope::engine
