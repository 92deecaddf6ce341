// `--session` appends (issue 18, item 1): `run` kept only its own runs, and
// two writers at once lost one writer's runs. Also: a damaged session given
// to `run`/`import --session` is unreadable input (exit 2), refused before
// any work, and left as it was.
#include "CliOutcome.h"
#include "FileBytes.h"
#include "SyntheticSession.h"
#include "TempDir.h"
#include "store/SessionStore.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>

using namespace aioscope;
using test::contains;

namespace {

class SessionAppend : public ::testing::Test {
protected:
    std::vector<std::string> runArgs(const std::string& session, const std::string& designs = "sync") const {
        return {"run",    "--dir", dir.path(),   "--designs", designs,     "--workload", "randread",
                "--size", "1M",    "--requests", "64",        "--session", session};
    }
    test::TempDir dir{"hostile-append"};
    test::TempDir outputs{"hostile-append-out"};
};

TEST_F(SessionAppend, RunKeepsEveryEarlierRunOfTheSession) {
    const std::string path = dir.file("s.aioscope");
    const Session before = storetest::makeSyntheticSession(2000, 7);
    ASSERT_TRUE(store::SessionStore::save(before, path));

    const auto o = test::runAioscope(runArgs(path), outputs.path());
    ASSERT_EQ(o.exitCode, 0) << o.err;
    auto after = store::SessionStore::load(path);
    ASSERT_TRUE(after) << after.error().message;
    ASSERT_EQ(after->runs.size(), before.runs.size() + 1);
    for (std::size_t i = 0; i < before.runs.size(); ++i)
        EXPECT_TRUE(after->runs[i] == before.runs[i]) << "run " << i << " changed";
    EXPECT_EQ(after->runs.back().kind, RunKind::EngineRun);
    EXPECT_EQ(after->matrices, before.matrices);
}

TEST_F(SessionAppend, TwoConcurrentRunsToOneSessionKeepBothRuns) {
    // Both to a file that does not exist yet (both would create it), then
    // both to the file that now exists (both append).
    const std::string path = dir.file("both.aioscope");
    for (int round = 1; round <= 2; ++round) {
        auto a = std::make_unique<test::ChildProcess>(
            [&] {
                auto v = runArgs(path, "sync,libaio");
                v.insert(v.begin(), test::ChildProcess::aioscope());
                return v;
            }(),
            outputs.path());
        auto b = std::make_unique<test::ChildProcess>(
            [&] {
                auto v = runArgs(path, "sync,io_uring");
                v.insert(v.begin(), test::ChildProcess::aioscope());
                return v;
            }(),
            outputs.path());
        EXPECT_EQ(a->wait(), 0) << a->err();
        EXPECT_EQ(b->wait(), 0) << b->err();
        auto loaded = store::SessionStore::load(path);
        ASSERT_TRUE(loaded) << loaded.error().message;
        EXPECT_EQ(loaded->runs.size(), 4u * static_cast<unsigned>(round)) << "round " << round << ": a run was lost";
    }
    for (const auto& name : test::listing(dir.path()))
        EXPECT_FALSE(contains(name, ".tmp-")) << name << " left behind";
}

TEST_F(SessionAppend, DamagedSessionIsRefusedBeforeTheRunAndLeftAsItWas) {
    const std::string path = dir.file("damaged.aioscope");
    ASSERT_TRUE(store::SessionStore::save(storetest::makeSyntheticSession(3000, 3), path));
    const std::string whole = test::readBytes(path);
    test::writeBytes(path, whole.substr(0, whole.size() / 2));
    const std::string bytes = test::readBytes(path);
    const auto names = test::listing(dir.path());

    const auto run = test::runAioscope(runArgs(path), outputs.path());
    EXPECT_EQ(run.exitCode, 2) << run.err;
    ASSERT_EQ(run.errLines().size(), 1u) << run.err;
    EXPECT_TRUE(contains(run.err, path)) << run.err;

    const auto import = test::runAioscope(
        {"import", std::string(AIOSCOPE_SOURCE_DIR) + "/traces/io_uring-buffered-write.dat", "--session", path},
        outputs.path());
    EXPECT_EQ(import.exitCode, 2) << import.err;
    ASSERT_EQ(import.errLines().size(), 1u) << import.err;
    EXPECT_TRUE(contains(import.err, path)) << import.err;

    EXPECT_EQ(test::readBytes(path), bytes);
    EXPECT_EQ(test::listing(dir.path()), names);
}

TEST_F(SessionAppend, SessionInAMissingFolderIsRefusedBeforeTheRun) {
    const std::string path = dir.file("no-such-folder/s.aioscope");
    const auto o = test::runAioscope(runArgs(path), outputs.path());
    EXPECT_EQ(o.exitCode, 2) << o.err;
    EXPECT_TRUE(contains(o.err, "does not exist")) << o.err;
    EXPECT_TRUE(o.out.empty()) << "the run ran anyway:\n" << o.out;
}

TEST_F(SessionAppend, ImportAppendsToTheSessionARunCreated) {
    const std::string path = dir.file("mixed.aioscope");
    ASSERT_EQ(test::runAioscope(runArgs(path), outputs.path()).exitCode, 0);
    const auto o = test::runAioscope(
        {"import", std::string(AIOSCOPE_SOURCE_DIR) + "/traces/io_uring-buffered-write.dat", "--session", path},
        outputs.path());
    ASSERT_EQ(o.exitCode, 0) << o.err;
    auto loaded = store::SessionStore::load(path);
    ASSERT_TRUE(loaded) << loaded.error().message;
    ASSERT_EQ(loaded->runs.size(), 2u);
    EXPECT_EQ(loaded->runs[0].kind, RunKind::EngineRun);
    EXPECT_EQ(loaded->runs[1].kind, RunKind::TraceImport);
}

} // namespace
