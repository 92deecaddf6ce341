// Save a session, load it back, and compare every stored field.
#include "SyntheticSession.h"
#include "TempDir.h"
#include "FileBytes.h"
#include "store/SessionFile.h"
#include "store/SessionStore.h"

#include <gtest/gtest.h>

using namespace aioscope;
using aioscope::store::SessionStore;

namespace {

// Field-by-field so a failure names what differs; operator== is checked after.
void expectSameRun(const aioscope::Run& a, const aioscope::Run& b, std::size_t index) {
    SCOPED_TRACE("run " + std::to_string(index));
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.kind, b.kind);
    EXPECT_EQ(a.source, b.source);
    EXPECT_EQ(a.format, b.format);
    EXPECT_EQ(a.metadata, b.metadata);
    EXPECT_EQ(a.eventCounts, b.eventCounts);
    EXPECT_EQ(a.eventsRead, b.eventsRead);
    EXPECT_EQ(a.warnings, b.warnings);
    ASSERT_EQ(a.strings.size(), b.strings.size());
    for (StringId i = 0; i < a.strings.size(); ++i)
        ASSERT_EQ(a.strings.view(i), b.strings.view(i)) << "string " << i;
    ASSERT_EQ(a.tasks.size(), b.tasks.size());
    for (std::size_t i = 0; i < a.tasks.size(); ++i) {
        SCOPED_TRACE("task " + std::to_string(i));
        EXPECT_EQ(a.tasks[i].tid, b.tasks[i].tid);
        EXPECT_EQ(a.tasks[i].pid, b.tasks[i].pid);
        EXPECT_EQ(a.tasks[i].comm, b.tasks[i].comm);
        EXPECT_EQ(a.tasks[i].firstSeenNs, b.tasks[i].firstSeenNs);
        EXPECT_EQ(a.tasks[i].lastSeenNs, b.tasks[i].lastSeenNs);
        EXPECT_EQ(a.tasks[i].role, b.tasks[i].role);
        EXPECT_EQ(a.tasks[i].parent, b.tasks[i].parent);
    }
    ASSERT_EQ(a.requests.size(), b.requests.size());
    for (RequestId i = 0; i < a.requests.size(); ++i) {
        const Request x = a.requests.get(i), y = b.requests.get(i);
#define SAME(f) ASSERT_EQ(x.f, y.f) << "request " << i << " field " #f
        SAME(design); SAME(op); SAME(source); SAME(fd); SAME(file); SAME(offset); SAME(length); SAME(result);
        SAME(userData); SAME(submitter); SAME(submitNs); SAME(submitEndNs); SAME(queuedNs); SAME(completeNs);
        SAME(completionObserver); SAME(firstSegment); SAME(segmentCount); SAME(submitterSnapshot);
        SAME(executorSnapshot); SAME(flags);
#undef SAME
    }
    ASSERT_EQ(a.segments.size(), b.segments.size());
    for (std::size_t i = 0; i < a.segments.size(); ++i) {
        ASSERT_EQ(a.segments[i].request, b.segments[i].request) << "segment " << i;
        ASSERT_EQ(a.segments[i].task, b.segments[i].task) << "segment " << i;
        ASSERT_EQ(a.segments[i].startNs, b.segments[i].startNs) << "segment " << i;
        ASSERT_EQ(a.segments[i].endNs, b.segments[i].endNs) << "segment " << i;
    }
    ASSERT_EQ(a.snapshots.size(), b.snapshots.size());
    for (std::size_t i = 0; i < a.snapshots.size(); ++i)
        ASSERT_EQ(a.snapshots[i], b.snapshots[i]) << "snapshot " << i;
    ASSERT_EQ(a.checks.size(), b.checks.size());
    for (std::size_t i = 0; i < a.checks.size(); ++i) {
        const ContextCheck &x = a.checks[i], &y = b.checks[i];
        ASSERT_EQ(x.request, y.request) << "check " << i;
        ASSERT_EQ(x.attribute, y.attribute) << "check " << i;
        ASSERT_EQ(x.verdict, y.verdict) << "check " << i;
        ASSERT_EQ(x.executor, y.executor) << "check " << i;
        ASSERT_EQ(x.timeNs, y.timeNs) << "check " << i;
        ASSERT_EQ(x.executorValue, y.executorValue) << "check " << i;
        ASSERT_EQ(x.submitterValue, y.submitterValue) << "check " << i;
        ASSERT_EQ(x.evidence, y.evidence) << "check " << i;
    }
    ASSERT_EQ(a.timeline.laneCount(), b.timeline.laneCount());
    for (TaskId t = 0; t < a.timeline.laneCount(); ++t) {
        EXPECT_EQ(a.timeline.states(t), b.timeline.states(t)) << "lane states of task " << t;
        EXPECT_EQ(a.timeline.segments(t), b.timeline.segments(t)) << "segment index of task " << t;
    }
    EXPECT_EQ(a.leakCount(), b.leakCount());
    EXPECT_EQ(a.handOffCount(), b.handOffCount());
    EXPECT_TRUE(a == b) << "Run::operator== disagrees";
}

void expectSameSession(const Session& a, const Session& b) {
    ASSERT_EQ(a.runs.size(), b.runs.size());
    for (std::size_t i = 0; i < a.runs.size(); ++i)
        expectSameRun(a.runs[i], b.runs[i], i);
    ASSERT_EQ(a.matrices.size(), b.matrices.size());
    for (std::size_t m = 0; m < a.matrices.size(); ++m) {
        EXPECT_EQ(a.matrices[m].kernel, b.matrices[m].kernel);
        EXPECT_EQ(a.matrices[m].ranAsRoot, b.matrices[m].ranAsRoot);
        EXPECT_EQ(a.matrices[m].takenUtc, b.matrices[m].takenUtc);
        ASSERT_EQ(a.matrices[m].cells.size(), b.matrices[m].cells.size());
        for (std::size_t c = 0; c < a.matrices[m].cells.size(); ++c) {
            const ProbeCell &x = a.matrices[m].cells[c], &y = b.matrices[m].cells[c];
            EXPECT_EQ(x.design, y.design);
            EXPECT_EQ(x.probe, y.probe);
            EXPECT_EQ(x.verdict, y.verdict);
            EXPECT_EQ(x.submitterValue, y.submitterValue);
            EXPECT_EQ(x.executorValue, y.executorValue);
            EXPECT_EQ(x.outcome, y.outcome);
            EXPECT_EQ(x.reason, y.reason);
            EXPECT_EQ(x.evidence, y.evidence);
        }
    }
    EXPECT_EQ(a.annotations, b.annotations);
    EXPECT_TRUE(a == b);
}

} // namespace

TEST(SessionRoundTrip, HundredThousandRequestsComeBackFieldByField) {
    test::TempDir dir;
    const Session original = storetest::makeSyntheticSession(100'000);
    ASSERT_EQ(original.runs[0].requests.size(), 60'000u);
    ASSERT_GT(original.runs[0].leakCount(), 0u);
    ASSERT_GT(original.runs[0].handOffCount(), 0u);
    const std::string path = dir.file("big.aioscope");
    auto saved = SessionStore::save(original, path);
    ASSERT_TRUE(saved) << saved.error().message;
    EXPECT_TRUE(store::SessionFile::looksLikeSession(path));

    auto loaded = SessionStore::load(path);
    ASSERT_TRUE(loaded) << loaded.error().message;
    expectSameSession(original, *loaded);
}

TEST(SessionRoundTrip, SavingOverAnExistingSessionReplacesIt) {
    test::TempDir dir;
    const std::string path = dir.file("s.aioscope");
    ASSERT_TRUE(SessionStore::save(storetest::makeSyntheticSession(3000, 5), path));
    const Session second = storetest::makeSyntheticSession(2000, 9);
    ASSERT_TRUE(SessionStore::save(second, path));
    auto loaded = SessionStore::load(path);
    ASSERT_TRUE(loaded) << loaded.error().message;
    expectSameSession(second, *loaded);
    // No temporary file is left beside it.
    std::size_t entries = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir.path()))
        entries += e.path().filename().string().find(".tmp-") != std::string::npos;
    EXPECT_EQ(entries, 0u);
}

TEST(SessionRoundTrip, EmptySessionAndUnfinalizedRun) {
    test::TempDir dir;
    Session empty;
    ASSERT_TRUE(SessionStore::save(empty, dir.file("empty.aioscope")));
    auto loadedEmpty = SessionStore::load(dir.file("empty.aioscope"));
    ASSERT_TRUE(loadedEmpty) << loadedEmpty.error().message;
    EXPECT_TRUE(*loadedEmpty == empty);

    // A run that was never finalized keeps its states in append order and has no index.
    Session s;
    aioscope::Run run;
    run.name = "raw";
    run.addTask({});
    run.timeline.addState(0, 50, 60, LaneState::Running);
    run.timeline.addState(0, 10, 20, LaneState::Blocked);
    s.runs.push_back(run);
    ASSERT_TRUE(SessionStore::save(s, dir.file("raw.aioscope")));
    auto loaded = SessionStore::load(dir.file("raw.aioscope"));
    ASSERT_TRUE(loaded) << loaded.error().message;
    expectSameSession(s, *loaded);
}

TEST(SessionRoundTrip, LoadingDoesNotChangeTheFile) {
    test::TempDir dir;
    const std::string path = dir.file("ro.aioscope");
    ASSERT_TRUE(SessionStore::save(storetest::makeSyntheticSession(1000), path));
    const std::string before = test::readBytes(path);
    ASSERT_GT(before.size(), 100u);
    EXPECT_EQ(before[18], 2) << "the saved file is not in WAL mode";
    ASSERT_TRUE(SessionStore::load(path));
    EXPECT_EQ(test::readBytes(path), before);
    // Nor leave SQLite's WAL sidecar files behind it.
    EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
    EXPECT_FALSE(std::filesystem::exists(path + "-shm"));
}

TEST(SessionRoundTrip, AnnotationsWithoutIdGetNewIds) {
    test::TempDir dir;
    Session s;
    s.runs.push_back(aioscope::Run{});
    s.annotations.push_back({0, 0, 1, 2, "a", "", "", false});
    s.annotations.push_back({0, 0, 3, kNoTime, "b", "", "", true});
    ASSERT_TRUE(SessionStore::save(s, dir.file("ids.aioscope")));
    auto loaded = SessionStore::load(dir.file("ids.aioscope"));
    ASSERT_TRUE(loaded) << loaded.error().message;
    ASSERT_EQ(loaded->annotations.size(), 2u);
    EXPECT_NE(loaded->annotations[0].id, 0);
    EXPECT_NE(loaded->annotations[0].id, loaded->annotations[1].id);
    EXPECT_EQ(loaded->annotations[1].text, "b");
    EXPECT_TRUE(loaded->annotations[1].bookmark);
}

TEST(SessionRoundTrip, SavingKeepsPermissionsAndFollowsSymlinks) {
    test::TempDir dir;
    const std::string path = dir.file("private.aioscope");
    ASSERT_TRUE(SessionStore::save(Session{}, path));
    std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    const std::string link = dir.file("link.aioscope");
    std::filesystem::create_symlink(path, link);
    Session s;
    s.runs.emplace_back().name = "through the link";
    ASSERT_TRUE(SessionStore::save(s, link));
    EXPECT_TRUE(std::filesystem::is_symlink(link));
    EXPECT_EQ(std::filesystem::status(path).permissions() & std::filesystem::perms::all,
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    auto loaded = SessionStore::load(path);
    ASSERT_TRUE(loaded) << loaded.error().message;
    EXPECT_EQ(loaded->runs.at(0).name, "through the link");
}
