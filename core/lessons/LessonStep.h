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
    // What the highlight must select on the loaded run (checked by `lessons --check`
    // on traces, by the player on every run it shows, and by tests): how many
    // requests, and how many of them were handed off (ran on a task other
    // than their submitter), so a claim like "0 hand-offs in sync" or "every
    // io_uring-async request is handed off" is checked, not just written.
    struct Expectation {
        std::optional<std::uint64_t> minRequests;
        std::optional<std::uint64_t> maxRequests;
        std::optional<std::uint64_t> handoffs;    // exactly this many of the selected requests
        std::optional<std::uint64_t> minHandoffs; // at least
        bool allHandedOff = false;                // every selected request (and at least one)
        bool empty() const { return !minRequests && !maxRequests && !handoffs && !minHandoffs && !allHandedOff; }
    };
    // What a presenter shows beside the text (the manifest's "show"): the
    // timeline by default, the latency charts for a comparison step.
    enum class Show { Default, Timeline, Charts, Matrix };
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
    Show show = Show::Default;
    std::optional<Playback> playback;
};

} // namespace aioscope::lessons
