#pragma once
#include "model/Ids.h"
#include "model/Request.h"

#include <cstdint>

namespace aioscope::engine {

// Everything the engine keeps about one request, written only by the thread
// that currently runs its submission loop (no locks). Kept small: a long run
// holds millions of these.
struct RequestRecord {
    static constexpr std::uint32_t kNoSnapshotIndex = ~0u;

    std::uint64_t seq = 0;
    std::uint64_t offset = 0;
    std::int64_t result = 0;
    TimeNs submitNs = kNoTime;
    TimeNs submitEndNs = kNoTime;
    TimeNs flushStartNs = kNoTime; // the io_submit/io_uring_enter that carried it
    TimeNs flushEndNs = kNoTime;
    TimeNs startNs = kNoTime;      // executor start/end, where visible
    TimeNs endNs = kNoTime;
    TimeNs completeNs = kNoTime;
    std::uint32_t length = 0;
    std::int32_t submitterTid = 0;
    std::int32_t executorTid = 0;
    std::int32_t observerTid = 0;     // who reaped it
    std::int32_t continuationTid = 0; // syslet: where the loop went
    std::uint32_t submitterSnapshot = kNoSnapshotIndex; // into Recorder::snapshots
    std::uint32_t executorSnapshot = kNoSnapshotIndex;
    IoOp op = IoOp::Unknown;
    bool ranInline = false;
    bool verifyMismatch = false;
    bool completed = false;
};

} // namespace aioscope::engine
