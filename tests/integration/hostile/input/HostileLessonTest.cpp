// `aioscope lessons --check` on hostile lesson folders: a manifest that is a
// link loop, a lesson whose trace is a FIFO, a lesson whose trace makes the
// sorter hold thousands of events.
#include "BoundedRun.h"
#include "TempDir.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sys/stat.h>

namespace fs = std::filesystem;
using aioscope::hostile::Outcome;
using aioscope::hostile::readFile;
using aioscope::hostile::runAioscope;
using aioscope::hostile::writeFile;
using aioscope::test::TempDir;
using namespace std::chrono_literals;

namespace {

// PROJECT/lessons/01-hostile/ with one step loading `trace` (relative to PROJECT).
std::string writeLesson(const TempDir& project, const std::string& trace) {
    const std::string lesson = project / "lessons/01-hostile";
    fs::create_directories(lesson);
    writeFile(lesson + "/step-1.md", "A step that loads a trace.\n");
    writeFile(lesson + "/lesson.json", R"({
  "id": "01-hostile",
  "title": "A lesson over a hostile trace",
  "summary": "Loads a trace that once crashed or hung the checker.",
  "sources": ["issue 18"],
  "steps": [
    {"title": "The trace", "text": "step-1.md", "load": {"trace": ")" +
                                           trace + R"("}}
  ]
})");
    return project / "lessons";
}

// Issue 18 case 7: an uncaught std::filesystem::filesystem_error (exit 134).
TEST(HostileLesson, ManifestThatIsASymlinkLoopIsOneProblemNamingIt) {
    TempDir project;
    const std::string lessons = writeLesson(project, "traces/x.txt");
    fs::remove(lessons + "/01-hostile/lesson.json");
    fs::create_symlink("lesson.json", lessons + "/01-hostile/lesson.json");
    const Outcome o = runAioscope({"lessons", "--check", "--dir", lessons}, 30s);
    ASSERT_FALSE(o.timedOut) << o.describe();
    EXPECT_EQ(o.exitCode, 1) << o.describe();
    EXPECT_NE(o.err.find(
                  "lessons/01-hostile/lesson.json: cannot read the lesson manifest: Too many levels of symbolic links"),
              std::string::npos)
        << o.describe();
}

TEST(HostileLesson, ManifestThatIsADanglingLinkIsOneProblemNamingIt) {
    TempDir project;
    const std::string lessons = writeLesson(project, "traces/x.txt");
    fs::remove(lessons + "/01-hostile/lesson.json");
    fs::create_symlink("gone.json", lessons + "/01-hostile/lesson.json");
    const Outcome o = runAioscope({"lessons", "--check", "--dir", lessons}, 30s);
    ASSERT_FALSE(o.timedOut) << o.describe();
    EXPECT_EQ(o.exitCode, 1) << o.describe();
    EXPECT_NE(o.err.find(
                  "lessons/01-hostile/lesson.json: cannot read the lesson manifest: a symbolic link to a missing file"),
              std::string::npos)
        << o.describe();
}

TEST(HostileLesson, ManifestThatIsAFifoIsRefusedWithoutBlocking) {
    TempDir project;
    const std::string lessons = writeLesson(project, "traces/x.txt");
    fs::remove(lessons + "/01-hostile/lesson.json");
    ASSERT_EQ(::mkfifo((lessons + "/01-hostile/lesson.json").c_str(), 0600), 0);
    const Outcome o = runAioscope({"lessons", "--check", "--dir", lessons}, 30s);
    ASSERT_FALSE(o.timedOut) << o.describe();
    EXPECT_EQ(o.exitCode, 1) << o.describe();
    EXPECT_NE(o.err.find("lessons/01-hostile/lesson.json: cannot read the lesson manifest: not a regular file"),
              std::string::npos)
        << o.describe();
}

TEST(HostileLesson, StepTextThatIsAFifoIsRefusedWithoutBlocking) {
    TempDir project;
    const std::string lessons = writeLesson(project, "traces/x.txt");
    fs::remove(lessons + "/01-hostile/step-1.md");
    ASSERT_EQ(::mkfifo((lessons + "/01-hostile/step-1.md").c_str(), 0600), 0);
    const Outcome o = runAioscope({"lessons", "--check", "--dir", lessons}, 30s);
    ASSERT_FALSE(o.timedOut) << o.describe();
    EXPECT_EQ(o.exitCode, 1) << o.describe();
    EXPECT_NE(o.err.find("'step-1.md' is not a regular file"), std::string::npos) << o.describe();
}

// Issue 18 case 10: a lesson whose trace is a FIFO hung `lessons --check`.
TEST(HostileLesson, TraceThatIsAFifoIsAProblemNotAHang) {
    TempDir project;
    const std::string lessons = writeLesson(project, "traces/pipe.txt");
    fs::create_directories(project / "traces");
    ASSERT_EQ(::mkfifo((project / "traces/pipe.txt").c_str(), 0600), 0);
    const Outcome o = runAioscope({"lessons", "--check", "--dir", lessons}, 30s);
    ASSERT_FALSE(o.timedOut) << o.describe();
    EXPECT_EQ(o.exitCode, 1) << o.describe();
    EXPECT_NE(o.err.find("load.trace 'traces/pipe.txt': "), std::string::npos) << o.describe();
    EXPECT_NE(o.err.find("FIFO"), std::string::npos) << o.describe();
}

// Issue 18 case 5 through a lesson: a real io_uring trace whose second event
// is older than the first (so the sorter holds the rest) crashed the check.
TEST(HostileLesson, TraceWithABackwardsTimestampIsChecked) {
    TempDir project;
    const std::string lessons = writeLesson(project, "traces/backwards.txt");
    fs::create_directories(project / "traces");
    const std::string sample = readFile(std::string(AIOSCOPE_SOURCE_DIR) + "/traces/io_uring-force-async.txt");
    // Swap the first two event lines (their timestamps differ): the second is now older.
    std::vector<std::string> lines;
    for (std::size_t at = 0; at < sample.size();) {
        const std::size_t nl = sample.find('\n', at);
        lines.push_back(sample.substr(at, nl - at));
        at = nl == std::string::npos ? sample.size() : nl + 1;
    }
    std::size_t first = 0;
    while (lines[first].empty() || lines[first][0] == '#')
        ++first;
    ASSERT_NE(lines[first], lines[first + 1]);
    std::swap(lines[first], lines[first + 1]);
    std::string text;
    for (const auto& line : lines)
        text += line + "\n";
    // At least 3,000 events after the step back, all held by the sorter.
    for (std::size_t i = lines.size() - first; i < 3100; ++i)
        text += "  a-9999  [000] .....  99999." + std::to_string(100000 + i) + ": ev: n=" + std::to_string(i % 100) +
                "\n"; // short: held inline, the case that crashed
    writeFile(project / "traces/backwards.txt", text);
    const Outcome o = runAioscope({"lessons", "--check", "--dir", lessons}, 60s);
    ASSERT_FALSE(o.timedOut) << o.describe();
    EXPECT_EQ(o.exitCode, 0) << o.describe();
    EXPECT_NE(o.out.find("1 lesson(s), 0 problem(s)"), std::string::npos) << o.describe();
}

} // namespace
