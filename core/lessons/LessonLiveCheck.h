#pragma once
#include "lessons/LessonStep.h"
#include "model/Result.h"
#include "model/Run.h"

#include <string>
#include <vector>

namespace aioscope::lessons {

// A scenario step's claims checked on a live engine run of that scenario
// (`lessons --check`): the step's highlight picks its requests from the run
// of the design it names (or the run where it selects most), and the step's
// `expect` must hold there. When the scenario could not run on this machine
// the step is reported as not verified, with the reason, never as passed.
class LessonLiveCheck {
public:
    struct Outcome {
        std::vector<std::string> problems; // broken promises, as LessonExpectation words them
        std::string unverified;            // non-empty: the claims could not be checked here, and why
        std::size_t selected = 0;
        std::size_t requests = 0; // in the run the highlight was evaluated on
    };
    // `runs`: one Run per design the engine ran for the step's scenario, or why it could not run.
    static Outcome check(const LessonStep& step, const Result<std::vector<Run>>& runs);
    // Whether the step makes a claim a live run can check (an expect, or a highlight that must select).
    static bool hasClaims(const LessonStep& step);
    // A smaller copy of the scenario for checking (few requests, a small file): the claims are about
    // who ran the requests, not how many there were.
    static LessonLoad::Scenario reduced(const LessonLoad::Scenario& scenario);
};

} // namespace aioscope::lessons
