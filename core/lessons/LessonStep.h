#pragma once
#include "lessons/LessonHighlight.h"
#include "lessons/LessonLoad.h"
#include "lessons/LessonWindow.h"

#include <cstdint>
#include <optional>
#include <string>

namespace aioscope::lessons {

// One screen of a lesson.
struct LessonStep {
    struct Question {
        std::string text;
        std::string answer;
    };
    // What the highlight must select on the loaded run (checked by `lessons --check` and tests).
    struct Expectation {
        std::optional<std::uint64_t> minRequests;
        std::optional<std::uint64_t> maxRequests;
    };
    struct Playback {
        bool play = false;   // start playing when the step opens
        double speed = 1.0;  // playback speed multiplier
    };

    std::string title;
    std::string markdown;   // the text, read from textFile when the manifest names a .md file
    std::string textFile;   // "" when the text was inline
    LessonLoad load;
    LessonWindow window;
    LessonHighlight highlight;
    std::optional<Question> question;
    Expectation expect;
    std::optional<Playback> playback;
};

} // namespace aioscope::lessons
