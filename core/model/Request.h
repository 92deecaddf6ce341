#pragma once
#include "model/Ids.h"

#include <cstdint>

namespace aioscope {

enum class IoOp : std::uint8_t { Unknown = 0, Read, Write, Fsync, Open, Poll, Other };

const char* ioOpName(IoOp op);
IoOp ioOpFromName(const char* name);

// Where the request came from.
enum class RequestSource : std::uint8_t { Engine = 0, IoUring, NativeAio, SyncSyscall, Block, Probe };
const char* requestSourceName(RequestSource s);

// One I/O with its phases. Latency = completeNs - submitNs.
// Execution segments (which thread ran it, when) live in Run::segments,
// [firstSegment, firstSegment + segmentCount).
struct Request {
    StringId design = kEmptyString; // engine design or the trace's mechanism
    IoOp op = IoOp::Unknown;
    RequestSource source = RequestSource::Engine;
    std::int32_t fd = -1;
    StringId file = kEmptyString;
    std::uint64_t offset = 0;
    std::uint64_t length = 0;
    std::int64_t result = 0; // bytes or -errno
    std::uint64_t userData = 0; // io_uring user_data / aio iocb data / engine seq

    TaskId submitter = kNoTask;
    TimeNs submitNs = kNoTime;    // submit call entered
    TimeNs submitEndNs = kNoTime; // submit call returned (submit latency)
    TimeNs queuedNs = kNoTime;    // handed to a worker/queue, if it was
    TimeNs completeNs = kNoTime;  // completion happened
    TaskId completionObserver = kNoTask; // who reaped the completion

    std::uint32_t firstSegment = 0;
    std::uint32_t segmentCount = 0;

    SnapshotId submitterSnapshot = kNoSnapshot;
    SnapshotId executorSnapshot = kNoSnapshot;

    // Bit flags derived by RunDerivation from segments and checks (see RequestFlag).
    std::uint32_t flags = 0;

    TimeNs latencyNs() const { return (completeNs == kNoTime || submitNs == kNoTime) ? kNoTime : completeNs - submitNs; }
    TimeNs submitLatencyNs() const { return (submitEndNs == kNoTime || submitNs == kNoTime) ? kNoTime : submitEndNs - submitNs; }
};

enum RequestFlag : std::uint32_t {
    kRequestHandOff = 1u << 0, // some segment ran on a task other than the submitter (current != submitter)
    kRequestLeak = 1u << 1,    // at least one attribute's verdict is a leak
    kRequestError = 1u << 2,         // result < 0
    kRequestVerifyMismatch = 1u << 3,
    kRequestIncomplete = 1u << 4,    // no completion seen (trace ended, run cancelled)
    // Completed, but no task was seen running it: who ran it, and so whether
    // it was handed off, is unknown (never counted as "no hand-off").
    kRequestExecutorUnknown = 1u << 5,
};

// One stretch of execution of a request on one thread.
struct ExecSegment {
    RequestId request = kNoRequest;
    TaskId task = kNoTask;
    TimeNs startNs = kNoTime;
    TimeNs endNs = kNoTime;
};

} // namespace aioscope
