#include "trace/EventIndexBuilder.h"

#include "model/HugePages.h"
#include "model/SpillAllocator.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace aioscope::trace {

namespace {
// Gives back the room a column reserved past its end, except a spilled one
// (SpillArena::kSpillBytes and up): the pages past its end were never
// written, so they hold no memory, and std::vector::shrink_to_fit would copy
// the whole column into fresh pages (at 100M events, 1.4 GB of them), which
// on a VM costs about what building the column did.
template <typename Column> void releaseSpare(Column& c) {
    if (!fromSpillArena(c.capacity() * sizeof(typename Column::value_type)))
        c.shrink_to_fit();
}
} // namespace

EventIndexBuilder::EventIndexBuilder() {
    c_.comms.emplace_back();
}

std::uint32_t EventIndexBuilder::typeOf(std::string_view system, std::string_view name) {
    std::string label = std::string(system) + '\0' + std::string(name);
    auto [it, inserted] = types_.try_emplace(std::move(label), static_cast<std::uint32_t>(c_.types.size()));
    if (inserted)
        c_.types.push_back({std::string(system), std::string(name)});
    return it->second;
}

std::uint32_t EventIndexBuilder::commOf(std::string_view comm) {
    auto [it, inserted] = comms_.try_emplace(std::string(comm), static_cast<std::uint32_t>(c_.comms.size()));
    if (inserted)
        c_.comms.emplace_back(comm);
    return it->second;
}

std::uint32_t EventIndexBuilder::keyOf(const RawEvent& e, std::uint32_t type) {
    const KeyTuple tuple{e.cpu, e.tid, type, e.stream};
    Cached& slot = cache_[KeyTupleHash{}(tuple)&1023];
    if (slot.tuple == tuple && c_.comms[c_.keys[slot.key].comm] == e.comm)
        return slot.key;
    auto it = keys_.find(tuple);
    if (it == keys_.end() || c_.comms[c_.keys[it->second].comm] != e.comm) {
        // A new tuple, or the task's comm changed (exec): a new key, older events keep theirs.
        const auto key = static_cast<std::uint32_t>(c_.keys.size());
        c_.keys.push_back({e.cpu, e.tid, type, commOf(e.comm), e.stream});
        it = keys_.insert_or_assign(tuple, key).first;
    }
    slot = {tuple, it->second};
    return it->second;
}

void EventIndexBuilder::reserve(std::size_t events) {
    c_.tsStep.reserve(events);
    c_.offsetLow.reserve(events);
    c_.offsetHigh.reserve(events);
    c_.key.reserve(events);
    HugePages::adviseCapacity(c_.tsStep);
    HugePages::adviseCapacity(c_.offsetLow);
    HugePages::adviseCapacity(c_.offsetHigh);
    HugePages::adviseCapacity(c_.key);
}

void EventIndexBuilder::add(const RawEvent& e, std::uint32_t type) {
    const std::size_t i = c_.tsStep.size();
    if (c_.chunkFirst.empty() || i - c_.chunkFirst.back() >= EventIndex::kChunkEvents || e.ts < c_.chunkBase.back() ||
        static_cast<std::uint64_t>(e.ts - c_.chunkBase.back()) > std::numeric_limits<std::uint32_t>::max()) {
        c_.chunkFirst.push_back(i);
        c_.chunkBase.push_back(e.ts);
    }
    c_.tsStep.push_back(static_cast<std::uint32_t>(e.ts - c_.chunkBase.back()));
    if (last_ != kNoTime && e.ts < last_)
        sorted_ = false;
    else
        last_ = e.ts;
    // 48 bits of place: 256 TiB of file, or 2^48 CTF events.
    c_.offsetLow.push_back(static_cast<std::uint32_t>(e.offset));
    c_.offsetHigh.push_back(static_cast<std::uint16_t>(e.offset >> 32));
    c_.key.push_back(keyOf(e, type));
}

std::shared_ptr<const EventIndex> EventIndexBuilder::finish(EventSourceIdentity source,
                                                            SpillVector<std::uint32_t>* newPlace) {
    if (newPlace)
        newPlace->clear();
    if (!sorted_) {
        // Events the sorter's window could not place: a stable sort by time, then the chunks again.
        const std::size_t n = c_.tsStep.size();
        SpillVector<TimeNs> ts(n);
        for (std::size_t c = 0; c < c_.chunkFirst.size(); ++c) {
            const std::size_t end = c + 1 < c_.chunkFirst.size() ? c_.chunkFirst[c + 1] : n;
            for (std::size_t i = c_.chunkFirst[c]; i < end; ++i)
                ts[i] = c_.chunkBase[c] + c_.tsStep[i];
        }
        SpillVector<std::uint32_t> order(n);
        std::iota(order.begin(), order.end(), 0u);
        std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return ts[a] < ts[b]; });
        if (newPlace) {
            newPlace->resize(n);
            for (std::uint32_t j = 0; j < n; ++j)
                (*newPlace)[order[j]] = j;
        }
        EventIndex::Columns sorted;
        sorted.keys = std::move(c_.keys);
        sorted.comms = std::move(c_.comms);
        sorted.types = std::move(c_.types);
        EventIndexBuilder again;
        again.c_ = std::move(sorted);
        for (std::uint32_t i : order) {
            const std::size_t at = again.c_.tsStep.size();
            if (again.c_.chunkFirst.empty() || at - again.c_.chunkFirst.back() >= EventIndex::kChunkEvents ||
                static_cast<std::uint64_t>(ts[i] - again.c_.chunkBase.back()) >
                    std::numeric_limits<std::uint32_t>::max()) {
                again.c_.chunkFirst.push_back(at);
                again.c_.chunkBase.push_back(ts[i]);
            }
            again.c_.tsStep.push_back(static_cast<std::uint32_t>(ts[i] - again.c_.chunkBase.back()));
            again.c_.offsetLow.push_back(c_.offsetLow[i]);
            again.c_.offsetHigh.push_back(c_.offsetHigh[i]);
            again.c_.key.push_back(c_.key[i]);
        }
        c_ = std::move(again.c_);
    }
    releaseSpare(c_.tsStep);
    releaseSpare(c_.offsetLow);
    releaseSpare(c_.offsetHigh);
    releaseSpare(c_.key);
    releaseSpare(c_.chunkFirst);
    releaseSpare(c_.chunkBase);
    releaseSpare(c_.keys);
    auto index = std::make_shared<const EventIndex>(std::move(source), std::move(c_));
    c_ = {};
    return index;
}

} // namespace aioscope::trace
