#include "trace/EventIndex.h"

#include "model/SpillAllocator.h"

#include <algorithm>

namespace aioscope::trace {

EventIndex::EventIndex(EventSourceIdentity source, Columns columns)
    : source_(std::move(source)), c_(std::move(columns)) {}

std::size_t EventIndex::chunkOf(std::size_t i) const {
    const auto it = std::upper_bound(c_.chunkFirst.begin(), c_.chunkFirst.end(), static_cast<std::uint64_t>(i));
    return static_cast<std::size_t>(it - c_.chunkFirst.begin()) - 1;
}

EventIndex::Event EventIndex::at(std::size_t i) const {
    const Key& k = c_.keys[c_.key[i]];
    Event e;
    e.ts = ts(i);
    e.cpu = k.cpu;
    e.tid = k.tid;
    e.type = k.type;
    e.comm = c_.comms[k.comm];
    e.offset = c_.offsetLow[i] | (static_cast<std::uint64_t>(c_.offsetHigh[i]) << 32);
    e.stream = k.stream;
    return e;
}

std::size_t EventIndex::lowerBound(TimeNs t) const {
    // Chunks are in time order: find the chunk, then the event inside it.
    auto chunk = std::partition_point(c_.chunkBase.begin(), c_.chunkBase.end(), [&](TimeNs base) { return base < t; });
    std::size_t c = static_cast<std::size_t>(chunk - c_.chunkBase.begin());
    std::size_t lo = c == 0 ? 0 : static_cast<std::size_t>(c_.chunkFirst[c - 1]);
    std::size_t hi = c < c_.chunkFirst.size() ? static_cast<std::size_t>(c_.chunkFirst[c]) : size();
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        if (ts(mid) < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

namespace {
// What a column holds: a heap buffer all its capacity; a spilled one (see
// EventIndexBuilder::finish, which keeps its spare room) the pages written.
template <typename Column> std::uint64_t heldBytes(const Column& c) {
    const std::uint64_t reserved = c.capacity() * sizeof(typename Column::value_type);
    if (!fromSpillArena(reserved))
        return reserved;
    constexpr std::uint64_t kPage = 4096;
    return (c.size() * sizeof(typename Column::value_type) + kPage - 1) / kPage * kPage;
}
} // namespace

std::uint64_t EventIndex::memoryBytes() const {
    std::uint64_t bytes = heldBytes(c_.tsStep) + heldBytes(c_.offsetLow) + heldBytes(c_.offsetHigh) +
                          heldBytes(c_.key) + heldBytes(c_.chunkFirst) + heldBytes(c_.chunkBase) + heldBytes(c_.keys);
    for (const auto& s : c_.comms)
        bytes += sizeof(std::string) + s.capacity();
    for (const auto& t : c_.types)
        bytes += sizeof(Type) + t.system.capacity() + t.name.capacity();
    return bytes;
}

} // namespace aioscope::trace
