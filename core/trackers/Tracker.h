#pragma once
#include "trace/RawEvent.h"

#include <string_view>

namespace aioscope::trackers {

class TrackerContext;

// One tracker turns some kernel or engine events into the model (tasks,
// lane states, requests, segments, checks). Trackers know nothing of formats:
// they see RawEvents in time order, after the sorter.
//
// Adding a tracker is one file plus one line:
//   1. core/trackers/MyTracker.{h,cpp}: derive from Tracker, say which events
//      you want in wants() (asked once per distinct system:name, the answer is
//      cached, so it may be slow), handle them in onEvent().
//   2. core/trackers/TrackerList.cpp: add `list.push_back(std::make_unique<MyTracker>());`
//      at the marked spot.
// Everything shared between trackers lives in TrackerContext: the Run being
// filled, the task table (tid -> TaskId at this moment, comm and pid kept up
// to date by TaskTracker), and which request each task is executing right now.
// Trackers never decide a verdict: they append requests, segments and
// ContextFacts, and RunDerivation (core/model) derives the rest.
class Tracker {
public:
    virtual ~Tracker();
    virtual std::string_view name() const = 0;
    // system may be empty (text traces without it, CTF kernel traces); match
    // on name alone when the name is unambiguous.
    virtual bool wants(std::string_view system, std::string_view name) const = 0;
    virtual void onEvent(const trace::RawEvent& event, TrackerContext& context) = 0;
    // Called once after the last event: close open spans, mark incomplete ones.
    virtual void finish(TrackerContext& context) {}
};

} // namespace aioscope::trackers
