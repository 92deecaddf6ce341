#pragma once
#include "engine/ChunkedArray.h"
#include "engine/RequestRecord.h"
#include "model/ContextSnapshot.h"

namespace aioscope::engine {

// The per-submitter recording: request records indexed by the loop's local
// request index, plus the context snapshots they point to. One Recorder per
// submission loop, written by whichever thread runs the loop at the time.
class Recorder {
public:
    Recorder(std::size_t expectedRequests, bool captureContext) {
        records_.reserve(expectedRequests);
        if (captureContext)
            snapshots_.reserve(expectedRequests * 2);
    }
    RequestRecord& record(std::size_t index) { return records_.at(index); }
    const ChunkedArray<RequestRecord>& records() const { return records_; }
    std::uint32_t addSnapshot(const ContextSnapshot& s) { return static_cast<std::uint32_t>(snapshots_.push(s)); }
    const ChunkedArray<ContextSnapshot>& snapshots() const { return snapshots_; }

private:
    ChunkedArray<RequestRecord> records_;
    ChunkedArray<ContextSnapshot> snapshots_;
};

} // namespace aioscope::engine
