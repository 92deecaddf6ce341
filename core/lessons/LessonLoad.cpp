#include "lessons/LessonLoad.h"

namespace aioscope::lessons {

const char* lessonLoadKindName(LessonLoad::Kind kind) {
    switch (kind) {
    case LessonLoad::Kind::None: return "none";
    case LessonLoad::Kind::Trace: return "trace";
    case LessonLoad::Kind::Scenario: return "scenario";
    case LessonLoad::Kind::Probe: return "probe";
    }
    return "none";
}

} // namespace aioscope::lessons
