#pragma once
#include "model/Ids.h"

#include <optional>

namespace aioscope::lessons {

// The stretch of the run a step shows, in ns relative to the run's start
// (manifest: from_ms/to_ms or from_ns/to_ns). Unset ends mean "to the edge".
struct LessonWindow {
    std::optional<TimeNs> fromNs;
    std::optional<TimeNs> toNs;

    bool empty() const { return !fromNs && !toNs; }
    // Absolute times for a run spanning [runStart, runEnd].
    TimeNs absoluteFrom(TimeNs runStart) const { return fromNs ? runStart + *fromNs : runStart; }
    TimeNs absoluteTo(TimeNs runStart, TimeNs runEnd) const { return toNs ? runStart + *toNs : runEnd; }
};

} // namespace aioscope::lessons
