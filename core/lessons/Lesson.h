#pragma once
#include "lessons/LessonStep.h"

#include <string>
#include <vector>

namespace aioscope::lessons {

// One lesson: lessons/NN-slug/lesson.json plus its Markdown files.
struct Lesson {
    std::string id;          // "07-io-uring", unique
    std::string title;
    std::string summary;
    std::vector<std::string> sources; // message ids, commits, CVEs the lesson cites
    std::string directory;   // absolute path of the lesson folder
    std::string manifestPath;   // absolute path of lesson.json
    std::string displayPath;    // "lessons/07-io-uring/lesson.json", for messages
    std::vector<LessonStep> steps;
};

} // namespace aioscope::lessons
