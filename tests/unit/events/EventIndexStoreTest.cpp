#include "TempDir.h"
#include "store/SessionStore.h"
#include "trace/EventIndex.h"
#include "trackers/TraceImporter.h"

#include <gtest/gtest.h>

namespace aioscope::store {
namespace {

TEST(EventIndexStore, ASavedSessionGivesBackTheSameIndex) {
    auto run = trackers::importTrace(AIOSCOPE_SOURCE_DIR "/traces/io_uring-sqpoll.dat");
    ASSERT_TRUE(run) << run.error().message;
    ASSERT_TRUE(run->eventIndex);
    test::TempDir dir("aioscope-events");
    Session session;
    session.runs.push_back(*run);
    const std::string path = dir.file("s.aioscope");
    ASSERT_TRUE(SessionStore::save(session, path));
    auto loaded = SessionStore::load(path);
    ASSERT_TRUE(loaded) << loaded.error().message;
    const auto& a = *run->eventIndex;
    ASSERT_TRUE(loaded->runs[0].eventIndex);
    const auto& b = *loaded->runs[0].eventIndex;
    EXPECT_EQ(a.source(), b.source());
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        const auto x = a.at(i), y = b.at(i);
        ASSERT_TRUE(x.ts == y.ts && x.cpu == y.cpu && x.tid == y.tid && x.comm == y.comm && x.offset == y.offset &&
                    x.stream == y.stream && a.type(x.type).label() == b.type(y.type).label())
            << "event " << i;
    }
}

TEST(EventIndexStore, AnEngineRunHasNoIndexAndLoadsWithout) {
    test::TempDir dir("aioscope-events");
    Session session;
    session.runs.emplace_back();
    const std::string path = dir.file("s.aioscope");
    ASSERT_TRUE(SessionStore::save(session, path));
    auto loaded = SessionStore::load(path);
    ASSERT_TRUE(loaded) << loaded.error().message;
    EXPECT_FALSE(loaded->runs[0].eventIndex);
}

} // namespace
} // namespace aioscope::store
