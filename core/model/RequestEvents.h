#pragma once
#include "model/Ids.h"
#include "model/Result.h"
#include "model/SpillAllocator.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace aioscope {

// Which events of the run's event index built each request (its submit,
// queue or punt, the switch that started its execution, block insert, issue
// and complete, its completion), as event ids into Run::eventIndex. Trackers
// link while importing; Run::finalize turns the links into one flat array of
// event ids with per-request offsets (4 bytes a link, 4 a request).
class RequestEvents {
public:
    // The run gets links (an import that builds an event index): finalize
    // builds the table even when no request got any.
    void start() { started_ = true; }
    // While importing: event `event` (its id in the index as built) built request `request`.
    void link(RequestId request, std::uint64_t event);
    // Room for `links` links before finalize.
    void reserve(std::size_t links) { pending_.reserve(links); }
    std::size_t pendingLinks() const { return pending_.size(); }
    // The index was put in time order after the import: event i is now newPlace[i].
    void remapEvents(std::span<const std::uint32_t> newPlace);
    // Requests were renumbered (newId[old] = new; empty: unchanged): builds the
    // per-request table for `requestCount` requests, each request's events in id (= time) order.
    void finalize(std::span<const RequestId> newId, std::size_t requestCount);

    // The events of one request, in time order (empty for an unknown request).
    std::span<const std::uint32_t> of(RequestId request) const;
    // Whether the run has links at all (imports with an event index; not engine runs or older sessions).
    bool empty() const { return offsets_.empty(); }
    std::size_t requestCount() const { return offsets_.empty() ? 0 : offsets_.size() - 1; }
    std::size_t linkCount() const { return events_.size(); }

    // The stored columns (core/store/EventIndexStore).
    const SpillVector<std::uint32_t>& offsets() const { return offsets_; }
    const SpillVector<std::uint32_t>& events() const { return events_; }
    // Checks the columns against the run they belong to; an error says what is wrong.
    static Result<RequestEvents> fromColumns(SpillVector<std::uint32_t> offsets, SpillVector<std::uint32_t> events,
                                             std::size_t requestCount, std::size_t eventCount);

    bool operator==(const RequestEvents& o) const { return offsets_ == o.offsets_ && events_ == o.events_; }

private:
    SpillVector<std::pair<RequestId, std::uint32_t>> pending_; // until finalize
    SpillVector<std::uint32_t> offsets_;                       // requestCount + 1, or empty
    SpillVector<std::uint32_t> events_;
    bool started_ = false;
};

} // namespace aioscope
