#include "lessons/LessonChecker.h"
#include "lessons/LessonLoader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace aioscope::lessons;

namespace {
// A scratch project: <tmp>/proj/lessons/<lesson>/, removed at the end.
class ScratchProject {
public:
    ScratchProject() {
        root_ = fs::temp_directory_path() / ("aioscope-lessons-test-" + std::to_string(::getpid()) + "-" +
                                             std::to_string(counter_++));
        fs::create_directories(root_ / "lessons");
    }
    ~ScratchProject() {
        std::error_code ec;
        fs::remove_all(root_, ec);
    }
    fs::path lesson(const std::string& name, const std::string& manifest) {
        fs::path dir = root_ / "lessons" / name;
        fs::create_directories(dir);
        write(dir / "lesson.json", manifest);
        return dir;
    }
    void write(const fs::path& path, const std::string& text) {
        std::ofstream(path) << text;
    }
    fs::path root() const { return root_; }

private:
    fs::path root_;
    static inline int counter_ = 0;
};

const char* kGoodLesson = R"({
  "id": "03-probes",
  "title": "The seed's examples",
  "summary": "Two probes.",
  "sources": ["5A322D46-A73A-43DD-8667-CE218DDA48B0@oracle.com"],
  "steps": [
    {"title": "Intro", "text": "step-1.md"},
    {"title": "Trace", "text": "Look at **this**.",
     "load": {"trace": "traces/x.dat"},
     "window": {"from_ms": 1.5, "to_ms": 3},
     "highlight": {"comm": "iou-wrk-*", "executor_not_submitter": true},
     "expect": {"min_requests": 1},
     "playback": {"play": true, "speed": 0.5},
     "question": {"text": "Who ran it?", "answer": "iou-wrk"}},
    {"title": "Live", "text": "Run it.",
     "load": {"scenario": {"designs": ["pool", "sync"], "workload": "randwrite", "requests": 32, "bs": 4096}},
     "highlight": {"design": "pool"}},
    {"title": "Probe", "text": "Matrix.", "load": {"probe": {"designs": "all", "probes": ["cap-fsetid", "sigxfsz"]}}}
  ]
})";
} // namespace

TEST(LessonLoader, LoadsAGoodLesson) {
    ScratchProject p;
    fs::path dir = p.lesson("03-probes", kGoodLesson);
    p.write(dir / "step-1.md", "# Hello\n\nText.\n");
    auto lesson = LessonLoader().loadLesson(dir.string());
    ASSERT_TRUE(lesson.ok()) << lesson.error().message;
    EXPECT_EQ(lesson->id, "03-probes");
    EXPECT_EQ(lesson->displayPath, "lessons/03-probes/lesson.json");
    ASSERT_EQ(lesson->steps.size(), 4u);
    EXPECT_EQ(lesson->steps[0].markdown, "# Hello\n\nText.\n");
    EXPECT_EQ(lesson->steps[0].textFile, "step-1.md");
    const auto& trace = lesson->steps[1];
    EXPECT_EQ(trace.load.kind, LessonLoad::Kind::Trace);
    EXPECT_EQ(trace.load.tracePath, (p.root() / "traces/x.dat").string());
    EXPECT_EQ(*trace.window.fromNs, 1'500'000);
    EXPECT_EQ(*trace.window.toNs, 3'000'000);
    EXPECT_EQ(*trace.highlight.comm, "iou-wrk-*");
    EXPECT_TRUE(trace.highlight.executorNotSubmitter);
    EXPECT_EQ(*trace.expect.minRequests, 1u);
    EXPECT_DOUBLE_EQ(trace.playback->speed, 0.5);
    EXPECT_EQ(trace.question->answer, "iou-wrk");
    const auto& scenario = lesson->steps[2].load.scenario;
    EXPECT_EQ(scenario.designs, (std::vector<std::string>{"pool", "sync"}));
    EXPECT_EQ(scenario.workload, "randwrite");
    EXPECT_EQ(scenario.requests, 32u);
    const auto& probe = lesson->steps[3].load.probe;
    EXPECT_EQ(probe.designs, LessonVocabulary::standard().designs);
    EXPECT_EQ(probe.probes, (std::vector<std::string>{"cap-fsetid", "sigxfsz"}));
}

TEST(LessonLoader, BadAttributeNamesFileAndStep) {
    ScratchProject p;
    fs::path dir = p.lesson("03-x", R"({"id": "03-x", "title": "T", "steps": [
      {"title": "one", "text": "ok"},
      {"title": "title", "text": "x", "load": {"trace": "t.dat"}, "highlight": {"leak_attribute": "fsuidd"}}]})");
    auto lesson = LessonLoader().loadLesson(dir.string());
    ASSERT_FALSE(lesson.ok());
    EXPECT_EQ(lesson.error().message,
              "lessons/03-x/lesson.json: step 2 (\"title\"): highlight.leak_attribute 'fsuidd' is not an attribute "
              "(known: cpu-priority, ioprio, credentials, fsuid, fsgid, sigxfsz, cpu-affinity, cwd, signal-mask)");
}

TEST(LessonLoader, ReportsEveryProblemOnItsOwnLine) {
    ScratchProject p;
    fs::path dir = p.lesson("04-bad", R"({"id": "04-bad", "title": "T", "colour": 1, "steps": [
      {"title": "a", "text": "missing.md"},
      {"title": "b", "text": "x", "load": {"scenario": {"designs": ["poll"], "workload": "randwrite", "bs": 1000}}},
      {"title": "c", "text": "x", "load": {"trace": "t.dat", "probe": {}}},
      {"title": "d", "text": "x", "highlight": {"comm": "x"}, "window": {"from_ms": 5, "to_ms": 2}},
      {"text": "x", "load": {"probe": {"probes": ["sigxfsz", "nope"]}}, "expect": {"min_requests": 1}}]})");
    auto lesson = LessonLoader().loadLesson(dir.string());
    ASSERT_FALSE(lesson.ok());
    const std::string& m = lesson.error().message;
    const std::string file = "lessons/04-bad/lesson.json: ";
    for (const std::string& line : {
             file + "unknown key 'colour' (known: id, title, summary, sources, steps)",
             file + "step 1 (\"a\"): text file 'missing.md' not found in lessons/04-bad/",
             file + "step 2 (\"b\"): load.scenario.designs 'poll' is not a design (known: sync, pool, pool-impersonate, "
                    "syslet, posix-aio, libaio, io_uring, io_uring-async, io_uring-sqpoll)",
             file + "step 2 (\"b\"): load.scenario.bs must be a multiple of 512, not 1000",
             file + "step 3 (\"c\"): load must name exactly one of trace, scenario, probe",
             file + "step 4 (\"d\"): window ends (2000000 ns) before it starts (5000000 ns)",
             file + "step 4 (\"d\"): window needs a load (there is nothing to zoom into)",
             file + "step 4 (\"d\"): highlight needs a load (there are no requests to select)",
             file + "step 5: title is missing",
             file + "step 5: load.probe.probes 'nope' is not a probe (known: fsuid, cap-fsetid, sigxfsz, ioprio, nice, "
                    "affinity, cwd, poll-signalfd)",
             file + "step 5: expect needs a highlight (it counts the requests the highlight selects)",
         })
        EXPECT_NE(m.find(line), std::string::npos)
            << "missing: " << line << "\nin:\n" << m;
}

TEST(LessonLoader, SyntaxErrorNamesFileLineAndColumn) {
    ScratchProject p;
    fs::path dir = p.lesson("05-syntax", "{\"id\": \"x\",\n \"title\": \"T\"\n \"steps\": []}");
    auto lesson = LessonLoader().loadLesson(dir.string());
    ASSERT_FALSE(lesson.ok());
    EXPECT_EQ(lesson.error().message, "lessons/05-syntax/lesson.json: line 3, column 2: expected ',' or '}' in an object");
}

TEST(LessonLoader, LoadAllSortsAndRejectsDuplicateIds) {
    ScratchProject p;
    p.lesson("02-b", R"({"id": "b", "title": "B", "steps": [{"title": "s", "text": "t"}]})");
    p.lesson("01-a", R"({"id": "a", "title": "A", "steps": [{"title": "s", "text": "t"}]})");
    p.lesson("03-dup", R"({"id": "a", "title": "A again", "steps": [{"title": "s", "text": "t"}]})");
    fs::create_directories(p.root() / "lessons" / "not-a-lesson");
    auto all = LessonLoader().loadAll((p.root() / "lessons").string());
    ASSERT_EQ(all.lessons.size(), 2u);
    EXPECT_EQ(all.lessons[0].id, "a");
    EXPECT_EQ(all.lessons[1].id, "b");
    ASSERT_EQ(all.errors.size(), 1u);
    EXPECT_EQ(all.errors[0].message, "lessons/03-dup/lesson.json: id 'a' is already used by lessons/01-a/lesson.json");
    auto none = LessonLoader().loadAll((p.root() / "nowhere").string());
    ASSERT_EQ(none.errors.size(), 1u);
}

TEST(LessonChecker, ReportsMissingTraceAndUnmetExpectation) {
    ScratchProject p;
    fs::path dir = p.lesson("06-check", R"({"id": "c", "title": "C", "steps": [
      {"title": "gone", "text": "t", "load": {"trace": "traces/gone.dat"}},
      {"title": "here", "text": "t", "load": {"trace": "traces/here.dat"}, "highlight": {"comm": "iou-wrk-*"},
       "expect": {"min_requests": 1}}]})");
    fs::create_directories(p.root() / "traces");
    p.write(p.root() / "traces/here.dat", "x");
    auto lesson = LessonLoader().loadLesson(dir.string());
    ASSERT_TRUE(lesson.ok()) << lesson.error().message;
    int imports = 0;
    LessonChecker checker({.importTrace = [&](const std::string&) -> aioscope::Result<aioscope::Run> {
        ++imports;
        aioscope::Run run;
        auto t = run.addTask({.tid = 1, .comm = run.strings.intern("app")});
        aioscope::Request r;
        r.submitter = t;
        r.submitNs = 1;
        r.completeNs = 2;
        run.addSegment(run.addRequest(r), t, 1, 2);
        run.finalize();
        return run;
    }, .checkScenario = nullptr, .checkProbe = nullptr});
    auto problems = checker.check(lesson.value());
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_EQ(problems[0], "lessons/06-check/lesson.json: step 1 (\"gone\"): load.trace 'traces/gone.dat': trace file not found");
    EXPECT_EQ(problems[1], "lessons/06-check/lesson.json: step 2 (\"here\"): highlight (run on iou-wrk-*) selects 0 "
                           "request(s) in 'traces/here.dat', expected at least 1");
    checker.check(lesson.value());
    EXPECT_EQ(imports, 1) << "a trace is imported once and cached";
}
