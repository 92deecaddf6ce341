#pragma once
#include "trace/EventIndex.h"
#include "trace/RawEvent.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace aioscope::trace {

// Builds an EventIndex while a trace is imported. The importer asks typeOf()
// once per distinct event name and add() for every event, so the per-event
// cost is a few stores and a probe of a small key cache.
class EventIndexBuilder {
public:
    EventIndexBuilder();
    std::uint32_t typeOf(std::string_view system, std::string_view name);
    void add(const RawEvent& event, std::uint32_t type);
    // Room for `events` events in every per-event column.
    void reserve(std::size_t events);
    // Events added so far: the id the next add() gives its event (until finish re-sorts).
    std::size_t size() const { return c_.tsStep.size(); }
    // Puts late events (an unsorted trace) in time order and hands the index
    // over. When it had to re-sort, newPlace (if given) gets each added
    // event's id in the index (else it is left empty: ids are unchanged).
    std::shared_ptr<const EventIndex> finish(EventSourceIdentity source,
                                             SpillVector<std::uint32_t>* newPlace = nullptr);

private:
    std::uint32_t keyOf(const RawEvent& event, std::uint32_t type);
    std::uint32_t commOf(std::string_view comm);

    struct KeyTuple {
        std::int32_t cpu, tid;
        std::uint32_t type;
        std::uint16_t stream;
        bool operator==(const KeyTuple&) const = default;
    };
    struct KeyTupleHash {
        std::size_t operator()(const KeyTuple& k) const {
            std::uint64_t h = static_cast<std::uint32_t>(k.tid) * 0x9E3779B97F4A7C15ull;
            h ^= (static_cast<std::uint64_t>(static_cast<std::uint32_t>(k.cpu)) << 20 ^ k.type << 4 ^ k.stream) *
                 0xC2B2AE3D27D4EB4Full;
            return static_cast<std::size_t>(h ^ (h >> 29));
        }
    };
    struct Cached {
        KeyTuple tuple{-2, -2, 0, 0};
        std::uint32_t key = 0;
    };

    EventIndex::Columns c_;
    std::unordered_map<KeyTuple, std::uint32_t, KeyTupleHash> keys_; // latest key of a tuple (comm may change)
    std::unordered_map<std::string, std::uint32_t> comms_;
    std::unordered_map<std::string, std::uint32_t> types_;
    Cached cache_[1024];
    TimeNs last_ = kNoTime;
    bool sorted_ = true;
};

} // namespace aioscope::trace
