#include "lessons/LessonLiveCheck.h"

#include "lessons/LessonExpectation.h"

#include <algorithm>

namespace aioscope::lessons {

bool LessonLiveCheck::hasClaims(const LessonStep& step) {
    return !step.expect.empty();
}

LessonLoad::Scenario LessonLiveCheck::reduced(const LessonLoad::Scenario& scenario) {
    LessonLoad::Scenario s = scenario;
    s.requests = std::clamp<std::uint64_t>(s.requests, 1, 64);
    s.queueDepth = std::clamp<std::uint64_t>(s.queueDepth, 1, 16);
    s.threads = std::clamp<std::uint64_t>(s.threads, 1, 2);
    // Enough file for the requests of every thread, at most 4 MiB.
    const std::uint64_t needed = s.blockSize * s.requests * s.threads;
    s.fileSize = std::min<std::uint64_t>(s.fileSize, std::max<std::uint64_t>(needed, 4ull << 20));
    return s;
}

LessonLiveCheck::Outcome LessonLiveCheck::check(const LessonStep& step, const Result<std::vector<Run>>& runs) {
    Outcome out;
    if (!runs) {
        out.unverified = runs.error().message;
        return out;
    }
    if (runs->empty()) {
        out.unverified = "the engine ran no design";
        return out;
    }
    const Run* chosen = nullptr;
    std::vector<RequestId> selection;
    const auto& wanted = step.highlight.design;
    for (const Run& run : *runs) {
        auto selected = step.highlight.empty() ? std::vector<RequestId>{} : step.highlight.select(run);
        // The named design's run, else the run where the highlight selects most.
        bool better = !chosen || selected.size() > selection.size();
        if (wanted && !selected.empty())
            better = true;
        if (better) {
            chosen = &run;
            selection = std::move(selected);
            if (wanted && !selection.empty())
                break;
        }
    }
    out.selected = selection.size();
    out.requests = chosen->requests.size();
    std::string source = "a live run of";
    for (const auto& d : step.load.scenario.designs)
        source += " " + d;
    out.problems = LessonExpectation::problems(step, *chosen, selection, source);
    return out;
}

} // namespace aioscope::lessons
