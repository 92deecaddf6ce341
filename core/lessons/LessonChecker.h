#pragma once
#include "lessons/Lesson.h"
#include "model/Result.h"
#include "model/Run.h"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace aioscope::lessons {

// Deep check of loaded lessons (`aioscope lessons --check`): every trace a
// step names exists and imports, every highlight with an `expect` selects as
// many requests as it promises on that trace, and every scenario or probe set
// is accepted by the engine. The importer and the engine are passed in, so
// core/lessons depends on the model only.
class LessonChecker {
public:
    struct Hooks {
        std::function<Result<Run>(const std::string& path)> importTrace;
        std::function<Result<void>(const LessonLoad::Scenario&)> checkScenario; // optional
        std::function<Result<void>(const LessonLoad::Probe&)> checkProbe;       // optional
        // Runs a scenario live (small, in a scratch folder): one Run per design, or why it cannot run
        // here. Optional: without it, scenario steps with an `expect` are reported as not verified.
        std::function<Result<std::vector<Run>>(const LessonLoad::Scenario&)> runScenario;
    };

    explicit LessonChecker(Hooks hooks);

    // One line per problem, "lessons/07-x/lesson.json: step 3 ("t"): ..."; empty when the lesson is sound.
    std::vector<std::string> check(const Lesson& lesson);

    // The imported run of a trace (cached: lessons share traces), or the import error.
    const Result<Run>& trace(const std::string& path);

    // What a step's highlight selected on its trace, after check().
    struct StepSelection {
        std::string lessonId;
        std::size_t step = 0; // 1-based
        std::size_t selected = 0;
        std::size_t requests = 0;
    };
    const std::vector<StepSelection>& selections() const { return selections_; }
    // Steps whose claims could not be verified here (a live scenario that cannot run), one line
    // each with the reason, in the order checked: neither a problem nor a pass.
    const std::vector<std::string>& unverified() const { return unverified_; }

private:
    Hooks hooks_;
    std::map<std::string, std::unique_ptr<Result<Run>>> traces_;
    std::vector<StepSelection> selections_;
    std::vector<std::string> unverified_;
};

} // namespace aioscope::lessons
