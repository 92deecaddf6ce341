#pragma once
#include "model/ContextAttribute.h"
#include "model/Ids.h"
#include "trackers/Tracker.h"

#include <string>
#include <vector>

namespace aioscope::trackers {

// Context checks from what a trace shows (runs last, after every request
// tracker has written its segments):
// - every request with a segment on a task other than its submitter gets a
//   Tid check, verdict Leak, values "comm-tid" of executor and submitter;
// - signal_generate of SIGXFSZ (25) received by a task while it executes a
//   request it did not submit: Sigxfsz, Leak (the signal reached the executor);
//   received by the submitter itself: Same;
// - cap_capable made by a task while it executes a request it did not submit:
//   Capabilities, Unknown (the trace does not show the submitter's caps),
//   evidence the event.
// "While it executes" = the event's time falls in one of the request's
// segments on that task, so inferred io-wq segments count too.
class ContextCheckTracker : public Tracker {
public:
    std::string_view name() const override { return "context-checks"; }
    bool wants(std::string_view system, std::string_view name) const override;
    void onEvent(const trace::RawEvent& event, TrackerContext& context) override;
    void finish(TrackerContext& context) override;

private:
    struct Seen {
        TaskId task = kNoTask;
        TimeNs ts = kNoTime;
        ContextAttribute attribute = ContextAttribute::Tid;
        std::string evidence;
    };
    std::vector<Seen> seen_;
};

} // namespace aioscope::trackers
