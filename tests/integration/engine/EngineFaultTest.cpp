// Faults a live demo meets: a full disk, Ctrl-C, a crashed run, a read-only
// folder. Real child processes on real mounts (tmpfs; we are root here).
#include "ChildProcess.h"
#include "TempDir.h"
#include "store/SessionStore.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <sys/mount.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using aioscope::test::ChildProcess;
using aioscope::test::TempDir;
namespace fs = std::filesystem;

namespace {

// A tmpfs mounted for one test, unmounted (lazily, if busy) at the end.
struct TmpfsMount {
    std::string path;
    bool mounted = false;
    TmpfsMount(const std::string& where, const char* options) : path(where) {
        fs::create_directory(path);
        mounted = ::mount("tmpfs", path.c_str(), "tmpfs", 0, options) == 0;
    }
    void remountReadOnly() { mounted = ::mount("tmpfs", path.c_str(), "tmpfs", MS_REMOUNT | MS_RDONLY, nullptr) == 0; }
    ~TmpfsMount() {
        if (mounted)
            ::umount2(path.c_str(), MNT_DETACH);
    }
};

std::vector<fs::path> scratchFolders(const std::string& dir) {
    std::vector<fs::path> found;
    for (auto& e : fs::directory_iterator(dir))
        if (e.path().filename().string().rfind("aioscope-", 0) == 0)
            found.push_back(e.path());
    return found;
}

// Waits until the child's scratch folder holds its data file (the run is on).
bool waitForScratch(const std::string& dir, int timeoutMs) {
    for (int waited = 0; waited < timeoutMs; waited += 20) {
        for (auto& s : scratchFolders(dir))
            if (fs::exists(s / "data.bin"))
                return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

std::vector<std::string> longRun(const std::string& dir) {
    return {ChildProcess::aioscope(), "run", "--dir", dir, "--designs", "sync", "--workload", "randread",
            "--size", "4M", "--duration", "60"};
}

} // namespace

TEST(EngineFaultTest, AFullFileSystemIsAClearEnospcErrorAndTheRequestsSoFarAreSaved) {
    if (::geteuid() != 0)
        GTEST_SKIP() << "mounting a small tmpfs needs root";
    TempDir dir("engine-fault");
    TmpfsMount small(dir.path() + "/small", "size=4m");
    ASSERT_TRUE(small.mounted) << "mount -t tmpfs -o size=4m failed: " << std::strerror(errno);
    const std::string session = dir.path() + "/partial.aioscope"; // outside the full file system
    std::string out, err;
    int rc = ChildProcess::run({ChildProcess::aioscope(), "run", "--dir", small.path, "--designs", "sync,io_uring",
                                "--workload", "seqwrite", "--size", "16M", "--requests", "8192", "--json",
                                "--session", session},
                               dir.path(), &out, &err);
    EXPECT_EQ(rc, 1) << err;
    EXPECT_NE(err.find("No space left on device (ENOSPC)"), std::string::npos) << err;
    EXPECT_NE(err.find("may fail with ENOSPC"), std::string::npos) << "the free-space check warns first: " << err;
    const auto root = nlohmann::json::parse(out, nullptr, false);
    ASSERT_FALSE(root.is_discarded()) << out;
    const auto& designs = root.at("designs");
    ASSERT_EQ(designs.size(), 1u) << "a full disk stops the run after the first design: " << out;
    const auto& d = designs[0];
    const auto requests = d.at("requests").get<std::int64_t>();
    EXPECT_GT(requests, 100) << "the writes that fit were done";
    EXPECT_LT(requests, 8192);
    EXPECT_GE(d.at("errors").get<std::int64_t>(), 1);
    EXPECT_NE(d.at("error").get<std::string>().find("ENOSPC"), std::string::npos);
    EXPECT_NE(root.at("error").get<std::string>().find("full"), std::string::npos);

    auto loaded = aioscope::store::SessionStore::load(session);
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    ASSERT_EQ(loaded->runs.size(), 1u);
    EXPECT_EQ(static_cast<std::int64_t>(loaded->runs[0].requests.size()), requests);
    EXPECT_TRUE(scratchFolders(small.path).empty()) << "the scratch folder is removed even after ENOSPC";
}

TEST(EngineFaultTest, CtrlCMidRunLeavesNoScratchFolder) {
    TempDir dir("engine-fault");
    ChildProcess child(longRun(dir.path()), dir.path());
    ASSERT_TRUE(waitForScratch(dir.path(), 20000)) << "the run never started: " << child.err();
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    child.signal(SIGINT);
    int rc = child.wait();
    EXPECT_EQ(rc, 1) << "Ctrl-C ends the run as failed work, not by the signal: " << child.err();
    EXPECT_NE(child.err().find("interrupted"), std::string::npos) << child.err();
    EXPECT_TRUE(scratchFolders(dir.path()).empty());
}

TEST(EngineFaultTest, AScratchFolderLeftByAKilledRunIsRemovedAtTheNextStart) {
    TempDir dir("engine-fault");
    {
        ChildProcess child(longRun(dir.path()), dir.path());
        ASSERT_TRUE(waitForScratch(dir.path(), 20000)) << child.err();
        child.signal(SIGKILL);
        EXPECT_EQ(child.wait(), 128 + SIGKILL);
    }
    auto left = scratchFolders(dir.path());
    ASSERT_EQ(left.size(), 1u) << "SIGKILL cannot clean up";
    std::string out, err;
    int rc = ChildProcess::run({ChildProcess::aioscope(), "run", "--dir", dir.path(), "--designs", "sync",
                                "--workload", "randread", "--size", "1M", "--requests", "100"},
                               dir.path(), &out, &err);
    EXPECT_EQ(rc, 0) << err;
    EXPECT_NE(err.find("removed stale scratch folder " + left[0].string()), std::string::npos) << err;
    EXPECT_TRUE(scratchFolders(dir.path()).empty());
}

TEST(EngineFaultTest, AReadOnlyFolderIsAClearError) {
    if (::geteuid() != 0)
        GTEST_SKIP() << "mounting a read-only tmpfs needs root";
    TempDir dir("engine-fault");
    TmpfsMount ro(dir.path() + "/ro", "size=1m");
    ASSERT_TRUE(ro.mounted);
    ro.remountReadOnly();
    ASSERT_TRUE(ro.mounted) << "remount read-only failed";
    std::string out, err;
    int rc = ChildProcess::run({ChildProcess::aioscope(), "run", "--dir", ro.path, "--designs", "sync",
                                "--workload", "randread", "--size", "1M", "--requests", "10"},
                               dir.path(), &out, &err);
    EXPECT_EQ(rc, 1);
    EXPECT_NE(err.find("Read-only file system"), std::string::npos) << err;
    EXPECT_NE(err.find(ro.path), std::string::npos) << "the error names the folder: " << err;
}

TEST(EngineFaultTest, AFolderTheUserCannotWriteIsAClearError) {
    if (::geteuid() != 0)
        GTEST_SKIP() << "needs root to run the child as another user";
    TempDir dir("engine-fault");
    ::chmod(dir.path().c_str(), 0755); // others may enter, not write
    const std::string locked = dir.path() + "/root-only";
    fs::create_directory(locked);
    ::chmod(locked.c_str(), 0755);
    std::string out, err;
    int rc = ChildProcess::run({ChildProcess::aioscope(), "run", "--dir", locked, "--designs", "sync", "--workload",
                                "randread", "--size", "1M", "--requests", "10"},
                               "/tmp", &out, &err, 65534);
    EXPECT_EQ(rc, 1) << err;
    EXPECT_NE(err.find("Permission denied"), std::string::npos) << err;
    EXPECT_NE(err.find("choose a folder you can write"), std::string::npos) << err;
    EXPECT_TRUE(scratchFolders(locked).empty());
}
