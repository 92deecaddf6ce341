#pragma once
#include "model/Ids.h"
#include "model/LaneState.h"
#include "model/Request.h"
#include "model/SpillAllocator.h"

#include <cstdint>
#include <vector>

namespace aioscope::store {

// Column names of the packed arrays in run_columns, shared by writer and reader.
// Requests: one column per RequestTable field.
#define AIOSCOPE_STORE_REQUEST_COLUMNS(X)                                                                    \
    X(design, StringId) X(op, IoOp) X(source, RequestSource) X(fd, std::int32_t) X(file, StringId)             \
    X(offset, std::uint64_t) X(length, std::uint64_t) X(result, std::int64_t) X(userData, std::uint64_t)      \
    X(submitter, TaskId) X(submitNs, TimeNs) X(submitEndNs, TimeNs) X(queuedNs, TimeNs) X(completeNs, TimeNs) \
    X(completionObserver, TaskId) X(firstSegment, std::uint32_t) X(segmentCount, std::uint32_t)              \
    X(submitterSnapshot, SnapshotId) X(executorSnapshot, SnapshotId) X(flags, std::uint32_t)

#define AIOSCOPE_STORE_SEGMENT_COLUMNS(X) X(request, RequestId) X(task, TaskId) X(startNs, TimeNs) X(endNs, TimeNs)

#define AIOSCOPE_STORE_SNAPSHOT_COLUMNS(X)                                                                     \
    X(known, std::uint32_t) X(tid, std::int32_t) X(pid, std::int32_t) X(uid, std::uint32_t)                     \
    X(euid, std::uint32_t) X(fsuid, std::uint32_t) X(gid, std::uint32_t) X(fsgid, std::uint32_t)               \
    X(capEffective, std::uint64_t) X(ioprio, std::int32_t) X(nice, std::int32_t) X(affinityMask, std::uint64_t) \
    X(cpu, std::int32_t) X(cwd, StringId) X(rlimitFsize, std::uint64_t) X(blockedSignals, std::uint64_t)       \
    X(takenNs, TimeNs)

#define AIOSCOPE_STORE_CHECK_COLUMNS(X)                                                                        \
    X(request, RequestId) X(attribute, ContextAttribute) X(verdict, CheckVerdict) X(executor, TaskId)          \
    X(timeNs, TimeNs) X(executorValue, StringId) X(submitterValue, StringId) X(evidence, StringId)
// Added in schema v2; sessions before it have none (the fields keep their defaults).
#define AIOSCOPE_STORE_CHECK_COLUMNS_V2(X) X(submitterTimeNs, TimeNs) X(submitterEvidence, StringId)

// Lane states flattened lane by lane, in each lane's order.
struct LaneStateColumns {
    SpillVector<TaskId> task;
    SpillVector<TimeNs> start;
    SpillVector<TimeNs> end;
    SpillVector<LaneState> state;
};

} // namespace aioscope::store
