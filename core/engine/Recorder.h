#pragma once
#include "engine/ChunkedArray.h"
#include "engine/RequestRecord.h"
#include "model/ContextSnapshot.h"

#include <atomic>
#include <cstdint>

namespace aioscope::engine {

// The per-submitter recording: request records indexed by the loop's local
// request index, plus the context snapshots they point to. One Recorder per
// submission loop, written by whichever thread runs the loop at the time.
class Recorder {
public:
    Recorder(std::size_t expectedRequests, bool captureContext) {
        records_.reserve(expectedRequests);
        completedOrder_.reserve(expectedRequests);
        if (captureContext)
            snapshots_.reserve(expectedRequests * 2);
    }
    RequestRecord& record(std::size_t index) { return records_.at(index); }
    const ChunkedArray<RequestRecord>& records() const { return records_; }
    std::uint32_t addSnapshot(const ContextSnapshot& s) { return static_cast<std::uint32_t>(snapshots_.push(s)); }
    const ChunkedArray<ContextSnapshot>& snapshots() const { return snapshots_; }

    // Called by the loop once record(index) is complete and will not change
    // again: the release store publishes the record (and its snapshots) to a
    // reader on another thread. One store and one plain write, no lock.
    void publishCompleted(std::uint64_t index) {
        const std::size_t n = published_.load(std::memory_order_relaxed);
        completedOrder_.at(n) = index;
        published_.store(n + 1, std::memory_order_release);
    }
    // Any thread: how many completions are published (acquire), and the
    // local index of the i-th one (i < that count).
    std::size_t publishedCount() const { return published_.load(std::memory_order_acquire); }
    std::uint64_t completedIndex(std::size_t i) const { return completedOrder_[i]; }

private:
    ChunkedArray<RequestRecord> records_;
    ChunkedArray<ContextSnapshot> snapshots_;
    ChunkedArray<std::uint64_t> completedOrder_; // local indexes in completion order
    std::atomic<std::size_t> published_{0};
};

} // namespace aioscope::engine
