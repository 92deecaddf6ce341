#pragma once
#include "model/Ids.h"

#include <optional>

namespace aioscope {
class Run;
}

namespace aioscope::gui {

// A deterministic playback frame that shows a request on its way from its
// submitter to the thread that ran it: the handed-off request that waited
// longest between its hand-off (queued, or the end of its submit) and its
// execution start, the playback time half-way through that wait, and a
// window around it in which the wait spans about a third of the width (so
// the token sits in the middle of a long arrow). For screenshots
// (--playback-handoff) and tests.
struct HandOffMoment {
    RequestId request = kNoRequest;
    TaskId submitter = kNoTask;
    TaskId executor = kNoTask;
    TimeNs leftAt = kNoTime;    // handed off
    TimeNs startedAt = kNoTime; // the executor started it
    TimeNs playback = kNoTime;
    TimeNs windowStart = kNoTime;
    TimeNs windowEnd = kNoTime;

    // None when no request was handed off with a wait the trace shows.
    static std::optional<HandOffMoment> find(const Run& run);
};

} // namespace aioscope::gui
