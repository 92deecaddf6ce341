#pragma once
#include "engine/FileExtents.h"
#include "model/Run.h"

#include <cstddef>

namespace aioscope::engine {

// Joins what the kernel showed during one design's run (a Run imported from
// the live capture by the trackers) into the engine's own Run of that
// design. Only raw facts are appended: the kernel's tasks (iou-wrk, iou-sqp,
// kworker, glibc helpers), their sched states, and for each engine request
// the execution segments the kernel ran it in, plus its block-layer request.
// Links are what the kernel shows:
//   io_uring:  user_data, which the engine sets to its request seq;
//   syscalls (sync, pool, posix-aio helpers, syslet): fd, file offset, op and
//              the request's time span, on the task that made the call;
//   libaio fsync: the submitter's aio_fsync work item run by a kworker;
//   block:     the disk sector, mapped to the file offset through FIEMAP, in
//              the request's time span; kept as a Block request whose
//              userData is the engine request's seq.
// A request the kernel did not reveal gets nothing: its executor stays
// unknown. Run::finalize() is called again at the end.
class KernelRunMerge {
public:
    struct Stats {
        std::size_t requests = 0;        // engine requests considered
        std::size_t linked = 0;          // got at least one kernel execution segment or block request
        std::size_t kernelSegments = 0;  // execution segments appended
        std::size_t blockRequests = 0;   // block requests linked
        std::size_t executorUnknown = 0; // no execution segment at all after the merge
    };
    static Stats merge(Run& engine, const Run& kernel, const FileExtents* extents);
};

} // namespace aioscope::engine
