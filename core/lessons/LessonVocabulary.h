#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace aioscope::lessons {

// The names a manifest may use. standard() holds the names of
// docs/architecture.md ("Designs and workloads", "Probes"); the CLI and the GUI
// load lessons with the engine's and probes' own registries instead
// (app/lessonhooks), so a lesson cannot drift from the code.
struct LessonVocabulary {
    std::vector<std::string> designs;
    std::vector<std::string> workloads;
    std::vector<std::string> probes;

    static LessonVocabulary standard();
    static bool contains(const std::vector<std::string>& names, std::string_view name);
    static std::string join(const std::vector<std::string>& names);
};

} // namespace aioscope::lessons
