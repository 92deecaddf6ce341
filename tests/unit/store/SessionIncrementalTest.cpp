// The GUI's edits: one transaction on the file each, nothing else changes.
#include "SyntheticSession.h"
#include "TempDir.h"
#include "FileBytes.h"
#include "store/SessionStore.h"

#include <gtest/gtest.h>

using namespace aioscope;
using aioscope::store::SessionStore;

TEST(SessionIncremental, AppendRunAddsTheRunAndKeepsTheRest) {
    test::TempDir dir;
    const std::string path = dir.file("s.aioscope");
    Session session = storetest::makeSyntheticSession(5000, 11);
    ASSERT_TRUE(SessionStore::save(session, path));
    aioscope::Run extra = storetest::makeSyntheticRun(1234, 77, RunKind::TraceImport);
    auto index = SessionStore::appendRun(path, extra);
    ASSERT_TRUE(index) << index.error().message;
    EXPECT_EQ(*index, 3u);
    auto loaded = SessionStore::load(path);
    ASSERT_TRUE(loaded) << loaded.error().message;
    session.runs.push_back(extra);
    ASSERT_EQ(loaded->runs.size(), 4u);
    EXPECT_TRUE(loaded->runs[3] == extra);
    EXPECT_TRUE(*loaded == session);
}

TEST(SessionIncremental, AnnotationsAddUpdateRemoveWithStableIds) {
    test::TempDir dir;
    const std::string path = dir.file("s.aioscope");
    Session session = storetest::makeSyntheticSession(1000, 12);
    ASSERT_TRUE(SessionStore::save(session, path));

    Annotation note{0, 1, 100, 200, "new note", "student", "2026-11-25T13:00:00Z", false};
    auto id = SessionStore::addAnnotation(path, note);
    ASSERT_TRUE(id) << id.error().message;
    EXPECT_GT(*id, 43); // after the largest existing id
    note.id = *id;

    note.text = "edited";
    note.bookmark = true;
    note.endNs = kNoTime;
    auto updated = SessionStore::updateAnnotation(path, note);
    ASSERT_TRUE(updated) << updated.error().message;
    ASSERT_TRUE(SessionStore::removeAnnotation(path, 7));

    auto annotations = SessionStore::loadAnnotations(path);
    ASSERT_TRUE(annotations) << annotations.error().message;
    std::vector<Annotation> expected = {session.annotations[0], session.annotations[2], session.annotations[3], note};
    EXPECT_EQ(*annotations, expected);

    auto missing = SessionStore::removeAnnotation(path, 7);
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().message.find(path), std::string::npos);
    Annotation ghost = note;
    ghost.id = 999;
    EXPECT_FALSE(SessionStore::updateAnnotation(path, ghost));
    // An annotation on a run that does not exist is refused by the foreign key.
    EXPECT_FALSE(SessionStore::addAnnotation(path, {0, 17, 1, 2, "x", "", "", false}));
}

TEST(SessionIncremental, AddMatrix) {
    test::TempDir dir;
    const std::string path = dir.file("s.aioscope");
    ASSERT_TRUE(SessionStore::save(Session{}, path));
    LeakMatrix m;
    m.kernel = "6.18";
    m.cells.push_back({"pool", "fsuid", ProbeVerdict::Leak, "65534", "0", "file owned by root", "", "status"});
    ASSERT_TRUE(SessionStore::addMatrix(path, m));
    auto loaded = SessionStore::load(path);
    ASSERT_TRUE(loaded) << loaded.error().message;
    ASSERT_EQ(loaded->matrices.size(), 1u);
    EXPECT_EQ(loaded->matrices[0], m);
}

TEST(SessionIncremental, ChangingAMissingFileFailsNamingIt) {
    test::TempDir dir;
    const std::string path = dir.file("absent.aioscope");
    auto r = SessionStore::addAnnotation(path, {});
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find(path), std::string::npos) << r.error().message;
    EXPECT_FALSE(std::filesystem::exists(path));
}
