#pragma once
#include "model/Request.h"
#include "model/SpillAllocator.h"

#include <span>
#include <vector>

namespace aioscope {

// Requests stored column-wise: a view that scans one field (submit times for
// a binary search, flags for a filter) touches only that column.
class RequestTable {
public:
    std::size_t size() const { return c_.submitNs.size(); }
    bool empty() const { return c_.submitNs.empty(); }
    void reserve(std::size_t n);
    void clear();

    RequestId append(const Request& r);

    // Every column, as the table stores them; moved in whole by the session
    // loader, which decodes straight into these.
    struct Columns {
        SpillVector<StringId> design;
        SpillVector<IoOp> op;
        SpillVector<RequestSource> source;
        SpillVector<std::int32_t> fd;
        SpillVector<StringId> file;
        SpillVector<std::uint64_t> offset;
        SpillVector<std::uint64_t> length;
        SpillVector<std::int64_t> result;
        SpillVector<std::uint64_t> userData;
        SpillVector<TaskId> submitter;
        SpillVector<TimeNs> submitNs;
        SpillVector<TimeNs> submitEndNs;
        SpillVector<TimeNs> queuedNs;
        SpillVector<TimeNs> completeNs;
        SpillVector<TaskId> completionObserver;
        SpillVector<std::uint32_t> firstSegment;
        SpillVector<std::uint32_t> segmentCount;
        SpillVector<SnapshotId> submitterSnapshot;
        SpillVector<SnapshotId> executorSnapshot;
        SpillVector<std::uint32_t> flags;
        bool operator==(const Columns&) const = default;
    };
    // Replaces the table's rows; false (and the table unchanged) when the columns differ in length.
    bool assign(Columns&& columns);
    // Every column as stored, for the session writer (no copy of a million rows).
    const Columns& columns() const { return c_; }
    Request get(RequestId id) const;
    void set(RequestId id, const Request& r);

    // Hot columns, for scans and binary searches.
    std::span<const TimeNs> submitNs() const { return c_.submitNs; }
    std::span<const TimeNs> completeNs() const { return c_.completeNs; }
    std::span<const TaskId> submitter() const { return c_.submitter; }
    std::span<const std::uint32_t> flags() const { return c_.flags; }
    std::span<const StringId> design() const { return c_.design; }
    std::span<const IoOp> op() const { return c_.op; }
    std::span<const RequestSource> source() const { return c_.source; }
    // Columns the latency analysis scans (core/analysis).
    std::span<const TimeNs> submitEndNs() const { return c_.submitEndNs; }
    std::span<const TimeNs> queuedNs() const { return c_.queuedNs; }
    std::span<const std::uint64_t> length() const { return c_.length; }
    std::span<const std::int64_t> result() const { return c_.result; }
    std::span<const std::uint32_t> firstSegment() const { return c_.firstSegment; }
    std::span<const std::uint32_t> segmentCount() const { return c_.segmentCount; }

    void setFlags(RequestId id, std::uint32_t flags) { c_.flags[id] = flags; }
    void setSegments(RequestId id, std::uint32_t first, std::uint32_t count) {
        c_.firstSegment[id] = first;
        c_.segmentCount[id] = count;
    }

    // Reorders every column by `order` (order[i] = old index of new row i).
    void permute(std::span<const RequestId> order);

    // First request with submitNs >= t (requires the table sorted by submit).
    RequestId lowerBoundSubmit(TimeNs t) const;

    bool operator==(const RequestTable&) const = default;

private:
    Columns c_;
};

} // namespace aioscope
