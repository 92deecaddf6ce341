#include "lessons/LessonChecker.h"

#include "lessons/LessonExpectation.h"
#include "lessons/LessonLiveCheck.h"

#include <filesystem>

namespace aioscope::lessons {

LessonChecker::LessonChecker(Hooks hooks) : hooks_(std::move(hooks)) {}

const Result<Run>& LessonChecker::trace(const std::string& path) {
    auto it = traces_.find(path);
    if (it != traces_.end())
        return *it->second;
    std::unique_ptr<Result<Run>> result;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        result = std::make_unique<Result<Run>>(makeError("trace file not found"));
    else if (!hooks_.importTrace)
        result = std::make_unique<Result<Run>>(makeError("no trace importer in this build"));
    else
        result = std::make_unique<Result<Run>>(hooks_.importTrace(path));
    return *traces_.emplace(path, std::move(result)).first->second;
}

std::vector<std::string> LessonChecker::check(const Lesson& lesson) {
    std::vector<std::string> problems;
    for (std::size_t i = 0; i < lesson.steps.size(); ++i) {
        const LessonStep& step = lesson.steps[i];
        std::string where = lesson.displayPath + ": step " + std::to_string(i + 1) + " (\"" + step.title + "\"): ";
        const LessonLoad& load = step.load;
        switch (load.kind) {
        case LessonLoad::Kind::None: break;
        case LessonLoad::Kind::Trace: {
            const Result<Run>& run = trace(load.tracePath);
            if (!run) {
                problems.push_back(where + "load.trace '" + load.trace + "': " + run.error().message);
                break;
            }
            if (run->requests.empty())
                problems.push_back(where + "load.trace '" + load.trace + "' imports but holds no requests");
            if (!step.window.empty()) {
                TimeNs span = run->endNs() - run->startNs();
                if (step.window.fromNs && *step.window.fromNs >= span)
                    problems.push_back(where + "window starts at " + std::to_string(*step.window.fromNs) +
                                       " ns, after the trace ends (" + std::to_string(span) + " ns long)");
            }
            std::size_t selected = step.highlight.empty() ? 0 : step.highlight.select(run.value()).size();
            selections_.push_back({lesson.id, i + 1, selected, run->requests.size()});
            if (!step.highlight.empty())
                for (const std::string& p :
                     LessonExpectation::problems(step, run.value(), step.highlight.select(run.value()), load.trace))
                    problems.push_back(where + p);
            break;
        }
        case LessonLoad::Kind::Scenario: {
            if (hooks_.checkScenario)
                if (auto ok = hooks_.checkScenario(load.scenario); !ok) {
                    problems.push_back(where + "load.scenario: " + ok.error().message);
                    break;
                }
            if (!LessonLiveCheck::hasClaims(step))
                break;
            // The step's claims hold on a live run of its scenario, or it says why they were not checked.
            const auto outcome = LessonLiveCheck::check(
                step, hooks_.runScenario ? hooks_.runScenario(LessonLiveCheck::reduced(load.scenario))
                                         : Result<std::vector<Run>>(makeError("this build cannot run the engine")));
            if (!outcome.unverified.empty()) {
                unverified_.push_back(where + "expect not verified: the scenario cannot run here: " +
                                      outcome.unverified);
                break;
            }
            selections_.push_back({lesson.id, i + 1, outcome.selected, outcome.requests});
            for (const std::string& p : outcome.problems)
                problems.push_back(where + p);
            break;
        }
        case LessonLoad::Kind::Probe:
            if (hooks_.checkProbe)
                if (auto ok = hooks_.checkProbe(load.probe); !ok)
                    problems.push_back(where + "load.probe: " + ok.error().message);
            break;
        }
    }
    return problems;
}

} // namespace aioscope::lessons
