#pragma once
#include "model/Ids.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace aioscope {
class Run;
}

namespace aioscope::gui {

// Where the marked event types happened, per task lane: the events that
// consult the submitter's context (signal_generate, cap_capable) and any
// types the user adds. Built once per run from the event index on a worker;
// the overlay looks times up by binary search, so drawing is O(pixels).
struct EventMarkers {
    struct Lane {
        std::vector<TimeNs> ts;         // sorted
        std::vector<std::uint32_t> id;  // event id in the index
        std::vector<std::uint8_t> kind; // index in kinds
    };
    std::vector<std::string> kinds; // the marked type names ("signal_generate", ...)
    std::vector<Lane> byTask;       // by TaskId
    std::size_t count = 0;

    static std::vector<std::string> defaultKinds() { return {"signal_generate", "cap_capable"}; }
    // Kinds match an event type's name or "system:name".
    static std::shared_ptr<const EventMarkers> build(const Run& run, const std::vector<std::string>& kinds);
};

} // namespace aioscope::gui
