#include "gui/timeline/HandOffMoment.h"

#include "model/Run.h"

namespace aioscope::gui {

std::optional<HandOffMoment> HandOffMoment::find(const Run& run) {
    std::optional<HandOffMoment> best;
    const auto flags = run.requests.flags();
    for (RequestId id = 0; id < run.requests.size(); ++id) {
        if (!(flags[id] & kRequestHandOff))
            continue;
        const Request r = run.requests.get(id);
        const ExecSegment* first = nullptr;
        for (const ExecSegment& s : run.segmentsOf(id))
            if (s.task != r.submitter && s.task < run.tasks.size()) {
                first = &s;
                break;
            }
        if (!first)
            continue;
        // Where the painter starts the token's journey along the arrow.
        const TimeNs left =
            r.queuedNs != kNoTime ? r.queuedNs : (r.submitEndNs != kNoTime ? r.submitEndNs : r.submitNs);
        if (left == kNoTime || first->startNs <= left)
            continue;
        if (best && first->startNs - left <= best->startedAt - best->leftAt)
            continue;
        HandOffMoment m;
        m.request = id;
        m.submitter = r.submitter;
        m.executor = first->task;
        m.leftAt = left;
        m.startedAt = first->startNs;
        best = m;
    }
    if (best) {
        const TimeNs wait = best->startedAt - best->leftAt;
        best->playback = best->leftAt + wait / 2;
        best->windowStart = best->leftAt - wait;
        best->windowEnd = best->startedAt + wait;
    }
    return best;
}

} // namespace aioscope::gui
