#pragma once
#include "lessons/LessonChecker.h"
#include "lessons/LessonVocabulary.h"

#include <QString>

namespace aioscope::lessonhooks {

// What `aioscope lessons` and the GUI's lesson player both need beyond
// core/lessons: where the lessons are, and the real registries and importer
// a lesson is checked against. core/lessons takes these as values, so it
// depends on the model only.
class LessonHooks {
public:
    // $AIOSCOPE_LESSONS, else the first `lessons/` folder holding a lesson
    // found next to or above the executable or the current directory (a build
    // folder inside the checkout, an install prefix's share/aioscope/lessons).
    // Empty when none is found.
    static QString findLessonsRoot();
    // The names the engine's and the probes' registries know.
    static lessons::LessonVocabulary vocabulary();
    // The real importer, engine validation and probe registry for LessonChecker.
    static lessons::LessonChecker::Hooks checkHooks();
};

} // namespace aioscope::lessonhooks
