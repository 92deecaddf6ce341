// Scenario steps' claims under `lessons --check`: checked on the runs the
// engine made (a broken claim is a problem, a kept one passes), or reported
// per step as not verified with the reason when the scenario cannot run;
// never silently passed.
#include "lessons/LessonLiveCheck.h"
#include "SyntheticRun.h"
#include "lessons/LessonChecker.h"
#include "lessons/LessonLoader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace aioscope::lessons {
namespace {

namespace fs = std::filesystem;

// A lesson with two live steps: pool (every request handed off) and sync (none).
Lesson liveLesson(const fs::path& root) {
    fs::create_directories(root / "lessons" / "09-live");
    std::ofstream(root / "lessons" / "09-live" / "lesson.json") << R"({"id": "live", "title": "Live", "steps": [
      {"title": "pool", "text": "t", "load": {"scenario": {"designs": ["pool", "sync"], "workload": "randwrite",
       "requests": 500, "bs": 4096, "qd": 8, "size": 8388608}},
       "highlight": {"design": "pool"}, "expect": {"min_requests": 1, "all_handed_off": true}},
      {"title": "sync", "text": "t", "load": {"scenario": {"designs": ["sync"], "workload": "randread"}},
       "highlight": {"design": "sync"}, "expect": {"min_requests": 1, "handoffs": 0}},
      {"title": "no claim", "text": "t", "load": {"scenario": {"designs": ["sync"], "workload": "randread"}}}]})";
    auto lesson = LessonLoader().loadLesson((root / "lessons" / "09-live").string());
    EXPECT_TRUE(lesson.ok()) << lesson.error().message;
    return lesson.value();
}

struct Scratch {
    fs::path root = fs::temp_directory_path() / ("aioscope-live-check-" + std::to_string(::getpid()));
    ~Scratch() {
        std::error_code ec;
        fs::remove_all(root, ec);
    }
};

TEST(LessonLiveCheck, KeptClaimsPassAndBrokenOnesAreProblems) {
    Scratch s;
    const Lesson lesson = liveLesson(s.root);
    std::vector<LessonLoad::Scenario> ran;
    bool poolHandsOff = true;
    LessonChecker checker({.importTrace = nullptr,
                           .checkScenario = nullptr,
                           .checkProbe = nullptr,
                           .runScenario = [&](const LessonLoad::Scenario& sc) -> Result<std::vector<aioscope::Run>> {
                               ran.push_back(sc);
                               std::vector<aioscope::Run> runs;
                               for (const auto& d : sc.designs)
                                   runs.push_back(
                                       aioscope::testing::makeSyntheticRun(
                                           {{.name = d, .requests = 5, .worker = d == "pool" && poolHandsOff}}, 1)
                                           .run);
                               return runs;
                           }});
    EXPECT_TRUE(checker.check(lesson).empty());
    EXPECT_TRUE(checker.unverified().empty());
    // Only the steps with claims run, and smaller than the manifest asks.
    ASSERT_EQ(ran.size(), 2u);
    EXPECT_EQ(ran[0].designs, (std::vector<std::string>{"pool", "sync"}));
    EXPECT_EQ(ran[0].requests, 64u);
    EXPECT_LE(ran[0].fileSize, 4ull << 20);
    ASSERT_EQ(checker.selections().size(), 2u);
    EXPECT_EQ(checker.selections()[0].selected, 5u); // the pool run's requests, not sync's

    poolHandsOff = false; // the claim "every pool request is handed off" breaks
    const auto problems = checker.check(lesson);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0], "lessons/09-live/lesson.json: step 1 (\"pool\"): highlight (design pool) selects 5 "
                           "request(s) in 'a live run of pool sync', 0 of them handed off, expected every one "
                           "handed off");
}

TEST(LessonLiveCheck, AScenarioThatCannotRunIsReportedPerStepWithItsReason) {
    Scratch s;
    const Lesson lesson = liveLesson(s.root);
    LessonChecker checker({.importTrace = nullptr,
                           .checkScenario = nullptr,
                           .checkProbe = nullptr,
                           .runScenario = [](const LessonLoad::Scenario&) -> Result<std::vector<aioscope::Run>> {
                               return makeError("/tmp: O_DIRECT is not supported on tmpfs");
                           }});
    EXPECT_TRUE(checker.check(lesson).empty());
    ASSERT_EQ(checker.unverified().size(), 2u);
    EXPECT_EQ(checker.unverified()[0], "lessons/09-live/lesson.json: step 1 (\"pool\"): expect not verified: the "
                                       "scenario cannot run here: /tmp: O_DIRECT is not supported on tmpfs");
    EXPECT_NE(checker.unverified()[1].find("step 2 (\"sync\")"), std::string::npos);
    EXPECT_TRUE(checker.selections().empty());

    // Without an engine at all: said too.
    LessonChecker noEngine({});
    EXPECT_TRUE(noEngine.check(lesson).empty());
    ASSERT_EQ(noEngine.unverified().size(), 2u);
    EXPECT_NE(noEngine.unverified()[0].find("this build cannot run the engine"), std::string::npos);
}

} // namespace
} // namespace aioscope::lessons
