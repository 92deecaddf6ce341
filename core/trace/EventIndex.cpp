#include "trace/EventIndex.h"

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

std::uint64_t EventIndex::memoryBytes() const {
    std::uint64_t bytes = c_.tsStep.capacity() * sizeof(std::uint32_t) +
                          c_.offsetLow.capacity() * sizeof(std::uint32_t) +
                          c_.offsetHigh.capacity() * sizeof(std::uint16_t) + c_.key.capacity() * sizeof(std::uint32_t) +
                          c_.chunkFirst.capacity() * sizeof(std::uint64_t) + c_.chunkBase.capacity() * sizeof(TimeNs) +
                          c_.keys.capacity() * sizeof(Key);
    for (const auto& s : c_.comms)
        bytes += sizeof(std::string) + s.capacity();
    for (const auto& t : c_.types)
        bytes += sizeof(Type) + t.system.capacity() + t.name.capacity();
    return bytes;
}

} // namespace aioscope::trace
