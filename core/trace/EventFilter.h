#pragma once
#include "model/Ids.h"
#include "trace/EventIndex.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace aioscope::trace {

// Which indexed events to show: an event-name glob (matched against
// "system:name" and the bare name), a tid, a CPU and a time window. Decided
// from the index alone, without decoding fields.
class EventFilter {
public:
    std::string nameGlob; // empty: every event type
    std::optional<std::int32_t> tid;
    std::optional<std::int32_t> cpu;
    TimeNs from = kNoTime; // inclusive; kNoTime: from the start
    TimeNs to = kNoTime;   // inclusive; kNoTime: to the end

    // Prepares the per-type and per-key answers for this index.
    void prepare(const EventIndex& index);
    bool matches(const EventIndex& index, std::size_t i) const { return keyMatches_[index.columns().key[i]]; }
    // The same for every event of one key (cpu, tid, comm, type).
    bool keyMatches(std::uint32_t key) const { return keyMatches_[key]; }
    // The events [first, last) the time window spans.
    std::size_t first(const EventIndex& index) const;
    std::size_t last(const EventIndex& index) const;

private:
    std::vector<bool> keyMatches_;
};

} // namespace aioscope::trace
