#pragma once
#include "model/Request.h"

#include <span>
#include <vector>

namespace aioscope {

// Requests stored column-wise: a view that scans one field (submit times for
// a binary search, flags for a filter) touches only that column.
class RequestTable {
public:
    std::size_t size() const { return submitNs_.size(); }
    bool empty() const { return submitNs_.empty(); }
    void reserve(std::size_t n);
    void clear();

    RequestId append(const Request& r);

    // Every column at once, moved in (the session loader decodes straight into these).
    struct Columns {
        std::vector<StringId> design;
        std::vector<IoOp> op;
        std::vector<RequestSource> source;
        std::vector<std::int32_t> fd;
        std::vector<StringId> file;
        std::vector<std::uint64_t> offset;
        std::vector<std::uint64_t> length;
        std::vector<std::int64_t> result;
        std::vector<std::uint64_t> userData;
        std::vector<TaskId> submitter;
        std::vector<TimeNs> submitNs;
        std::vector<TimeNs> submitEndNs;
        std::vector<TimeNs> queuedNs;
        std::vector<TimeNs> completeNs;
        std::vector<TaskId> completionObserver;
        std::vector<std::uint32_t> firstSegment;
        std::vector<std::uint32_t> segmentCount;
        std::vector<SnapshotId> submitterSnapshot;
        std::vector<SnapshotId> executorSnapshot;
        std::vector<std::uint32_t> flags;
    };
    // Replaces the table's rows; false (and the table unchanged) when the columns differ in length.
    bool assign(Columns&& columns);
    Request get(RequestId id) const;
    void set(RequestId id, const Request& r);

    // Hot columns, for scans and binary searches.
    std::span<const TimeNs> submitNs() const { return submitNs_; }
    std::span<const TimeNs> completeNs() const { return completeNs_; }
    std::span<const TaskId> submitter() const { return submitter_; }
    std::span<const std::uint32_t> flags() const { return flags_; }
    std::span<const StringId> design() const { return design_; }
    std::span<const IoOp> op() const { return op_; }
    std::span<const RequestSource> source() const { return source_; }
    // Columns the latency analysis scans (core/analysis).
    std::span<const TimeNs> submitEndNs() const { return submitEndNs_; }
    std::span<const TimeNs> queuedNs() const { return queuedNs_; }
    std::span<const std::uint64_t> length() const { return length_; }
    std::span<const std::int64_t> result() const { return result_; }
    std::span<const std::uint32_t> firstSegment() const { return firstSegment_; }
    std::span<const std::uint32_t> segmentCount() const { return segmentCount_; }

    void setFlags(RequestId id, std::uint32_t flags) { flags_[id] = flags; }
    void setSegments(RequestId id, std::uint32_t first, std::uint32_t count) {
        firstSegment_[id] = first;
        segmentCount_[id] = count;
    }

    // Reorders every column by `order` (order[i] = old index of new row i).
    void permute(const std::vector<RequestId>& order);

    // First request with submitNs >= t (requires the table sorted by submit).
    RequestId lowerBoundSubmit(TimeNs t) const;

    bool operator==(const RequestTable&) const = default;

private:
    std::vector<StringId> design_;
    std::vector<IoOp> op_;
    std::vector<RequestSource> source_;
    std::vector<std::int32_t> fd_;
    std::vector<StringId> file_;
    std::vector<std::uint64_t> offset_;
    std::vector<std::uint64_t> length_;
    std::vector<std::int64_t> result_;
    std::vector<std::uint64_t> userData_;
    std::vector<TaskId> submitter_;
    std::vector<TimeNs> submitNs_;
    std::vector<TimeNs> submitEndNs_;
    std::vector<TimeNs> queuedNs_;
    std::vector<TimeNs> completeNs_;
    std::vector<TaskId> completionObserver_;
    std::vector<std::uint32_t> firstSegment_;
    std::vector<std::uint32_t> segmentCount_;
    std::vector<SnapshotId> submitterSnapshot_;
    std::vector<SnapshotId> executorSnapshot_;
    std::vector<std::uint32_t> flags_;
};

} // namespace aioscope
