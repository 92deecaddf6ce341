// Temporary things of killed commands (issue 18, item 4): kill -9 during
// `run --session` left NAME.tmp-PID files that only a later save to the same
// name removed; SIGINT/SIGTERM/SIGKILL during `probe` left an
// aioscope-probe-XXXXXX folder in the temp folder. Now each carries its
// owner's pid and the next start of any command removes it once that pid is gone.
#include "CliOutcome.h"
#include "ScopedEnv.h"
#include "SyntheticSession.h"
#include "TempDir.h"
#include "store/SessionStore.h"

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <functional>
#include <thread>

using namespace aioscope;
using test::contains;

namespace {

// Polls until `found` returns a non-empty name (or about 60 s pass).
std::string waitFor(const std::function<std::string()>& found) {
    for (int i = 0; i < 60000; ++i) {
        if (std::string name = found(); !name.empty())
            return name;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return {};
}

std::string entryContaining(const std::string& dir, const std::string& part) {
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec))
        if (contains(e.path().filename().string(), part))
            return e.path().string();
    return {};
}

class LeftoverTemps : public ::testing::Test {
protected:
    std::vector<std::string> command(std::vector<std::string> args) const {
        args.insert(args.begin(), test::ChildProcess::aioscope());
        return args;
    }
    // Any command: the sweep runs as it starts.
    void runAnyCommand() {
        const auto o = test::runAioscope({"--version"}, outputs.path());
        ASSERT_EQ(o.exitCode, 0) << o.err;
    }
    test::TempDir tmp{"hostile-leftovers-tmp"};
    test::TempDir dir{"hostile-leftovers"};
    test::TempDir outputs{"hostile-leftovers-out"};
    // The temp folder of every child is private to this test.
    test::ScopedEnv privateTmp{"TMPDIR", tmp.path()};
};

TEST_F(LeftoverTemps, KillDuringRunSessionSaveLeavesATempThatTheNextCommandRemoves) {
    const std::string other = dir.file("elsewhere");
    std::filesystem::create_directory(other);
    const std::string session = other + "/big.aioscope";
    std::string leftover;
    for (int attempt = 0; attempt < 5 && leftover.empty(); ++attempt) {
        test::ChildProcess child(command({"run", "--dir", dir.path(), "--designs", "sync", "--workload", "randread",
                                          "--size", "4M", "--requests", "400000", "--session", session}),
                                 outputs.path());
        const std::string temp = waitFor([&] { return entryContaining(other, ".tmp-"); });
        ASSERT_FALSE(temp.empty()) << "the run never started saving: " << child.err();
        std::this_thread::sleep_for(std::chrono::milliseconds(30)); // into the save, past its bookkeeping
        child.signal(SIGKILL);
        EXPECT_EQ(child.wait(), 128 + SIGKILL);
        if (std::filesystem::exists(temp))
            leftover = temp;
    }
    ASSERT_FALSE(leftover.empty()) << "every save finished before the kill";
    runAnyCommand();
    EXPECT_FALSE(std::filesystem::exists(leftover)) << leftover << " is still there";
    for (const auto& name : test::listing(other))
        EXPECT_FALSE(contains(name, ".tmp-")) << name;
}

TEST_F(LeftoverTemps, ProbeStoppedBySigintOrSigtermRemovesItsFolder) {
    for (int sig : {SIGINT, SIGTERM}) {
        test::ChildProcess child(command({"probe", "--no-trace"}), outputs.path());
        const std::string folder = waitFor([&] { return entryContaining(tmp.path(), "aioscope-probe-"); });
        ASSERT_FALSE(folder.empty()) << "probe made no scratch folder: " << child.err();
        EXPECT_TRUE(contains(folder, "aioscope-probe-" + std::to_string(child.pid()) + "-")) << folder;
        std::this_thread::sleep_for(std::chrono::milliseconds(200)); // cells running
        child.signal(sig);
        EXPECT_EQ(child.wait(), 128 + sig) << strsignal(sig);
        EXPECT_FALSE(std::filesystem::exists(folder)) << strsignal(sig) << " left " << folder;
    }
}

TEST_F(LeftoverTemps, ProbeKilledWithSigkillIsSweptByTheNextCommand) {
    test::ChildProcess child(command({"probe", "--no-trace"}), outputs.path());
    const std::string folder = waitFor([&] { return entryContaining(tmp.path(), "aioscope-probe-"); });
    ASSERT_FALSE(folder.empty()) << child.err();
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    child.signal(SIGKILL);
    EXPECT_EQ(child.wait(), 128 + SIGKILL);
    ASSERT_TRUE(std::filesystem::exists(folder)) << "nothing to sweep";
    runAnyCommand();
    EXPECT_FALSE(std::filesystem::exists(folder)) << folder << " is still there";
}

TEST_F(LeftoverTemps, RunKilledWithSigkillLeavesAScratchFolderTheNextCommandRemoves) {
    test::ChildProcess child(
        command({"run", "--designs", "sync", "--workload", "randread", "--size", "4M", "--duration", "30"}),
        outputs.path());
    const std::string folder =
        waitFor([&] { return entryContaining(tmp.path(), "aioscope-" + std::to_string(child.pid())); });
    ASSERT_FALSE(folder.empty()) << child.err();
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    child.signal(SIGKILL);
    EXPECT_EQ(child.wait(), 128 + SIGKILL);
    ASSERT_TRUE(std::filesystem::exists(folder));
    runAnyCommand();
    EXPECT_FALSE(std::filesystem::exists(folder)) << folder << " is still there";
}

TEST_F(LeftoverTemps, ReportKilledWithSigkillLeavesAStagingFolderTheNextCommandRemoves) {
    const std::string session = dir.file("s.aioscope");
    ASSERT_TRUE(store::SessionStore::save(storetest::makeSyntheticSession(200000, 2), session));
    const std::string out = dir.file("report");
    std::string staging;
    for (int attempt = 0; attempt < 5 && staging.empty(); ++attempt) {
        test::ChildProcess child(command({"report", session, "--out", out}), outputs.path());
        const std::string found = waitFor(
            [&] { return std::filesystem::exists(out) ? entryContaining(out, ".aioscope-report-") : std::string(); });
        ASSERT_FALSE(found.empty()) << child.err();
        child.signal(SIGKILL);
        EXPECT_EQ(child.wait(), 128 + SIGKILL);
        if (std::filesystem::exists(found))
            staging = found;
    }
    ASSERT_FALSE(staging.empty()) << "every report finished before the kill";
    runAnyCommand();
    EXPECT_FALSE(std::filesystem::exists(staging)) << staging << " is still there";
}

} // namespace
