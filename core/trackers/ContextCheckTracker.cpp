#include "trackers/ContextCheckTracker.h"

#include "trackers/EventFields.h"
#include "trackers/TrackerContext.h"

#include <algorithm>

namespace aioscope::trackers {

bool ContextCheckTracker::wants(std::string_view, std::string_view name) const {
    return name == "signal_generate" || name == "cap_capable";
}

void ContextCheckTracker::onEvent(const trace::RawEvent& e, TrackerContext& ctx) {
    if (e.name == "signal_generate") {
        if (numberOf(e, {"sig"}).value_or(0) != 25)
            return;
        // The receiving thread: pid field (a tid) when given, else the sender (current).
        TaskId target = ctx.taskOf(e);
        if (auto tid = numberOf(e, {"pid"}))
            target = ctx.taskByTid(static_cast<std::int32_t>(*tid), textOf(e, {"comm"}), e.ts);
        seen_.push_back({target, e.ts, ContextAttribute::Sigxfsz,
                         "signal_generate sig=25 to " + ctx.describe(target) + " (res=" +
                             std::to_string(numberOf(e, {"res", "result"}).value_or(0)) + ")"});
    } else {
        const TaskId task = ctx.taskOf(e);
        seen_.push_back({task, e.ts, ContextAttribute::Capabilities,
                         "cap_capable cap=" + std::to_string(numberOf(e, {"cap"}).value_or(-1)) +
                             " ret=" + std::to_string(numberOf(e, {"ret"}).value_or(0)) + " in " + ctx.describe(task)});
    }
}

void ContextCheckTracker::finish(TrackerContext& ctx) {
    Run& run = ctx.run();
    const auto submitters = run.requests.submitter();
    // Segments per task, sorted by start, to find the request a task ran at a time.
    std::vector<std::uint32_t> order(run.segments.size());
    for (std::uint32_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        const ExecSegment& x = run.segments[a];
        const ExecSegment& y = run.segments[b];
        return x.task != y.task ? x.task < y.task : x.startNs < y.startNs;
    });

    std::vector<bool> tidChecked(run.requests.size());
    for (const ExecSegment& s : run.segments) {
        if (s.request >= run.requests.size() || tidChecked[s.request] || s.task == submitters[s.request])
            continue;
        tidChecked[s.request] = true;
        ContextCheck c;
        c.request = s.request;
        c.attribute = ContextAttribute::Tid;
        c.verdict = CheckVerdict::Leak;
        c.executor = s.task;
        c.timeNs = s.startNs;
        c.executorValue = run.strings.intern(ctx.describe(s.task));
        c.submitterValue = run.strings.intern(ctx.describe(submitters[s.request]));
        c.evidence = run.strings.intern("executed by " + ctx.describe(s.task) + ", submitted by " +
                                        ctx.describe(submitters[s.request]));
        run.addCheck(c);
    }

    for (const Seen& seen : seen_) {
        auto first = std::lower_bound(order.begin(), order.end(), seen.task,
                                      [&](std::uint32_t i, TaskId t) { return run.segments[i].task < t; });
        const ExecSegment* hit = nullptr;
        for (auto it = first; it != order.end() && run.segments[*it].task == seen.task; ++it) {
            const ExecSegment& s = run.segments[*it];
            if (s.startNs > seen.ts)
                break;
            if (seen.ts <= s.endNs)
                hit = &s;
        }
        if (!hit)
            continue; // not running a request: no check
        const TaskId submitter = submitters[hit->request];
        ContextCheck c;
        c.request = hit->request;
        c.attribute = seen.attribute;
        c.executor = seen.task;
        c.timeNs = seen.ts;
        c.executorValue = run.strings.intern(ctx.describe(seen.task));
        c.submitterValue = run.strings.intern(ctx.describe(submitter));
        c.evidence = run.strings.intern(seen.evidence);
        if (seen.task == submitter)
            c.verdict = CheckVerdict::Same;
        else
            c.verdict = seen.attribute == ContextAttribute::Sigxfsz ? CheckVerdict::Leak : CheckVerdict::Unknown;
        if (c.verdict == CheckVerdict::Same && seen.attribute == ContextAttribute::Capabilities)
            continue; // the submitter checking its own caps tells nothing
        run.addCheck(c);
    }
    seen_.clear();
}

} // namespace aioscope::trackers
