#pragma once
#include "cli/Command.h"
#include "lessons/LessonChecker.h"
#include "lessons/LessonVocabulary.h"

#include <QString>

namespace aioscope::cli {

// `aioscope lessons [--check] [--json] [--dir DIR]`: lists the lessons; with
// --check also imports every trace they name, counts what each highlight
// selects, and asks the engine and the probes whether every scenario is valid.
class LessonsCommand : public Command {
public:
    const char* name() const override { return "lessons"; }
    const char* summary() const override { return "list the lessons, or --check them"; }
    int run(const QStringList& args) override;

    // Where the lessons are: $AIOSCOPE_LESSONS, else the first `lessons/`
    // folder holding a lesson found next to or above the executable or the
    // current directory (a build folder inside the checkout, an install
    // prefix's share/aioscope/lessons). Empty when none is found.
    static QString findLessonsRoot();
    // The names the engine and probe registries really know (falls back to
    // DESIGN.md's names when those libraries are not in this build).
    static lessons::LessonVocabulary vocabulary();
    // The real importer, engine validation and probe registry for LessonChecker.
    static lessons::LessonChecker::Hooks checkHooks();
};

} // namespace aioscope::cli
