#pragma once
#include "model/Ids.h"
#include "model/SpillAllocator.h"
#include "trace/EventSourceIdentity.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace aioscope::trace {

// Every event of an imported trace, in time order, at 14 bytes an event:
// its time (a 32-bit step from its chunk's base), its place in the source
// (48 bits: record offset in trace.dat, line offset in text, ordinal in CTF)
// and a key naming its (cpu, tid, comm, event type, buffer), since a trace
// has few distinct ones. Fields are not kept: EventFieldReader decodes them
// from the source at that place. Immutable once built (EventIndexBuilder).
class EventIndex {
public:
    static constexpr std::size_t kChunkEvents = 4096;

    struct Type {
        std::string system; // as the source spells it ("sched", "syscalls", "lttng_ust_..."); may be empty
        std::string name;
        std::string label() const { return system.empty() ? name : system + ":" + name; }
    };
    struct Key {
        std::int32_t cpu = -1;
        std::int32_t tid = -1;
        std::uint32_t type = 0;
        std::uint32_t comm = 0; // index in comms
        std::uint16_t stream = 0;
    };
    struct Event {
        TimeNs ts = 0;
        std::int32_t cpu = -1;
        std::int32_t tid = -1;
        std::uint32_t type = 0;
        std::string_view comm;
        std::uint64_t offset = 0;
        std::uint16_t stream = 0;
    };
    // The packed columns, as stored (core/store/EventIndexStore).
    struct Columns {
        SpillVector<std::uint32_t> tsStep;     // per event: ns after its chunk's base
        SpillVector<std::uint32_t> offsetLow;  // per event: bits 0..31 of its place
        SpillVector<std::uint16_t> offsetHigh; // per event: bits 32..47
        SpillVector<std::uint32_t> key;        // per event: index in keys
        std::vector<std::uint64_t> chunkFirst; // per chunk: its first event
        std::vector<TimeNs> chunkBase;         // per chunk: the time its steps count from
        std::vector<Key> keys;
        std::vector<std::string> comms;
        std::vector<Type> types;
    };

    EventIndex() = default;
    EventIndex(EventSourceIdentity source, Columns columns);

    std::size_t size() const { return c_.tsStep.size(); }
    bool empty() const { return c_.tsStep.empty(); }
    Event at(std::size_t i) const;
    TimeNs ts(std::size_t i) const { return c_.chunkBase[chunkOf(i)] + c_.tsStep[i]; }
    const Key& keyOf(std::size_t i) const { return c_.keys[c_.key[i]]; }
    const Type& type(std::uint32_t id) const { return c_.types[id]; }
    const std::vector<Type>& types() const { return c_.types; }
    std::string_view comm(std::uint32_t id) const { return c_.comms[id]; }
    // The first event at or after t.
    std::size_t lowerBound(TimeNs t) const;
    const EventSourceIdentity& source() const { return source_; }
    const Columns& columns() const { return c_; }
    // Heap bytes the index holds (per-event columns plus the small tables).
    std::uint64_t memoryBytes() const;

private:
    std::size_t chunkOf(std::size_t i) const;

    EventSourceIdentity source_;
    Columns c_;
};

} // namespace aioscope::trace
