#include "model/RequestEvents.h"

#include <algorithm>
#include <limits>
#include <string>

namespace aioscope {

void RequestEvents::link(RequestId request, std::uint64_t event) {
    // Ids past 32 bits (a trace of more than 4 G events) are not linked.
    if (event <= std::numeric_limits<std::uint32_t>::max())
        pending_.emplace_back(request, static_cast<std::uint32_t>(event));
}

void RequestEvents::remapEvents(std::span<const std::uint32_t> newPlace) {
    for (auto& [request, event] : pending_)
        if (event < newPlace.size())
            event = newPlace[event];
}

void RequestEvents::finalize(std::span<const RequestId> newId, std::size_t requestCount) {
    if (!started_)
        return; // nothing linked (an engine run, a source without an index, a loaded session)
    started_ = false;
    for (auto& [request, event] : pending_)
        if (request < newId.size())
            request = newId[request];
    std::sort(pending_.begin(), pending_.end());
    pending_.erase(std::unique(pending_.begin(), pending_.end()), pending_.end());
    offsets_.assign(requestCount + 1, 0);
    events_.clear();
    events_.reserve(pending_.size());
    std::size_t i = 0;
    for (RequestId r = 0; r < requestCount; ++r) {
        offsets_[r] = static_cast<std::uint32_t>(events_.size());
        while (i < pending_.size() && pending_[i].first < r)
            ++i; // links to requests that do not exist are dropped
        for (; i < pending_.size() && pending_[i].first == r; ++i)
            events_.push_back(pending_[i].second);
    }
    offsets_[requestCount] = static_cast<std::uint32_t>(events_.size());
    pending_.clear();
    pending_.shrink_to_fit();
}

std::span<const std::uint32_t> RequestEvents::of(RequestId request) const {
    if (request + 1 >= offsets_.size())
        return {};
    return std::span<const std::uint32_t>(events_).subspan(offsets_[request],
                                                           offsets_[request + 1] - offsets_[request]);
}

Result<RequestEvents> RequestEvents::fromColumns(SpillVector<std::uint32_t> offsets, SpillVector<std::uint32_t> events,
                                                 std::size_t requestCount, std::size_t eventCount) {
    if (offsets.size() != requestCount + 1)
        return makeError("request event offsets: " + std::to_string(offsets.size()) + " entries for " +
                         std::to_string(requestCount) + " requests");
    if (offsets.front() != 0 || offsets.back() != events.size() || !std::is_sorted(offsets.begin(), offsets.end()))
        return makeError("request event offsets do not cover the " + std::to_string(events.size()) + " event ids");
    for (std::uint32_t e : events)
        if (e >= eventCount)
            return makeError("request event id " + std::to_string(e) + " is past the index's " +
                             std::to_string(eventCount) + " events");
    RequestEvents out;
    out.offsets_ = std::move(offsets);
    out.events_ = std::move(events);
    return out;
}

} // namespace aioscope
