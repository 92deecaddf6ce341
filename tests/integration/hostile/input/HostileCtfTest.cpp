// Damaged CTF traces and the folders around them: truncated metadata (which
// made the check child spin in babeltrace2), bad magic, no events, link
// loops, FIFOs among the stream files, and shadow folders left behind.
#include "BoundedRun.h"
#include "ChildProcess.h"
#include "CtfTestTraceWriter.h"
#include "ScopedEnv.h"
#include "TempDir.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <csignal>
#include <dirent.h>
#include <filesystem>
#include <regex>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace fs = std::filesystem;
using aioscope::hostile::Outcome;
using aioscope::hostile::readFile;
using aioscope::hostile::runAioscope;
using aioscope::hostile::writeFile;
using aioscope::test::ScopedEnv;
using aioscope::test::TempDir;
using aioscope::testing::CtfTestTraceWriter;
using namespace std::chrono_literals;

namespace {

const std::string kPublicKernel = std::string(AIOSCOPE_PUBLIC_TRACES) + "/lttng-ctf/bt-lttng-tracefile-rotation/kernel";

// A small kernel trace (text metadata) with `events` events.
CtfTestTraceWriter smallTrace(int events = 20) {
    CtfTestTraceWriter w("kernel");
    const auto k = w.kernelEvents();
    using V = CtfTestTraceWriter::Value;
    for (int i = 0; i < events; ++i)
        w.add(0, 1000 + i * 10, k + 1, {V{std::int64_t(3)}, V{std::int64_t(4096)}, V{std::int64_t(i)}});
    return w;
}

long eventsImported(const Outcome& o) {
    std::smatch m;
    static const std::regex events(", ([0-9]+) events, ");
    return std::regex_search(o.out, m, events) ? std::stol(m[1]) : -1;
}

void expectDamaged(const Outcome& o, const std::string& naming) {
    ASSERT_FALSE(o.timedOut) << o.describe();
    EXPECT_EQ(o.exitCode, 2) << o.describe();
    ASSERT_EQ(o.errLines().size(), 1u) << o.describe();
    EXPECT_NE(o.err.find(naming), std::string::npos) << o.describe();
}

void truncate(const std::string& file, std::size_t size) {
    fs::permissions(file, fs::perms::owner_write, fs::perm_options::add); // public traces are read-only
    const std::string bytes = readFile(file);
    ASSERT_GT(bytes.size(), size);
    writeFile(file, bytes.substr(0, size));
}

// Issue 18 case 9, packetized metadata (LTTng's) cut to 40, 100, 1000 bytes.
class TruncatedPublicMetadata : public ::testing::TestWithParam<std::size_t> {};

TEST_P(TruncatedPublicMetadata, IsADamagedTraceNamedInOneLine) {
    if (!fs::exists(kPublicKernel))
        GTEST_SKIP() << kPublicKernel << " is missing (the public traces live beside the checkout in ../shared)";
    TempDir dir;
    const std::string trace = dir / "kernel";
    fs::copy(kPublicKernel, trace, fs::copy_options::recursive);
    truncate(trace + "/metadata", GetParam());
    const Outcome o = runAioscope({"import", trace}, 40s);
    expectDamaged(o, trace + "/metadata");
    EXPECT_NE(o.err.find("cut short"), std::string::npos) << o.describe();
}

INSTANTIATE_TEST_SUITE_P(Bytes, TruncatedPublicMetadata, ::testing::Values(40, 100, 1000));

// The same with plain-text (TSDL) metadata, which has no sizes to check: the
// check child gets a time limit instead of spinning forever.
class TruncatedTextMetadata : public ::testing::TestWithParam<std::size_t> {};

TEST_P(TruncatedTextMetadata, IsADamagedTraceWithinTheTimeLimit) {
    TempDir dir;
    const std::string trace = dir / "trace";
    smallTrace().write(trace);
    truncate(trace + "/metadata", GetParam());
    expectDamaged(runAioscope({"import", trace}, 45s), trace);
}

INSTANTIATE_TEST_SUITE_P(Bytes, TruncatedTextMetadata, ::testing::Values(40, 100, 1000));

// Pids of processes whose command line holds `needle`.
std::vector<pid_t> processesMentioning(const std::string& needle) {
    std::vector<pid_t> found;
    for (const auto& entry : fs::directory_iterator("/proc")) {
        const std::string name = entry.path().filename().string();
        if (name.find_first_not_of("0123456789") != std::string::npos)
            continue;
        std::string cmdline = readFile(entry.path().string() + "/cmdline");
        std::replace(cmdline.begin(), cmdline.end(), '\0', ' ');
        if (cmdline.find(needle) != std::string::npos)
            found.push_back(static_cast<pid_t>(std::stoi(name)));
    }
    return found;
}

// A collection of `copies` LTTng kernel traces (hard links to one copy of
// a public trace, each with its index/): the check child builds each in
// turn, which takes seconds, and makes a shadow folder for each.
std::string bigCollection(const TempDir& dir, int copies) {
    const std::string base = dir / "base";
    fs::copy(kPublicKernel, base, fs::copy_options::recursive);
    const std::string top = dir / "collection";
    for (int i = 0; i < copies; ++i) {
        const std::string trace = top + "/session-" + std::to_string(i) + "/kernel";
        fs::create_directories(trace + "/index");
        for (const auto& entry : fs::recursive_directory_iterator(base)) {
            const std::string rel = fs::relative(entry.path(), base).string();
            if (entry.is_directory())
                fs::create_directories(trace + "/" + rel);
            else
                fs::create_hard_link(entry.path(), trace + "/" + rel);
        }
    }
    return top;
}

// Killing aioscope while its check child works kills the child too
// (PR_SET_PDEATHSIG): nothing is left running on the user's trace.
TEST(HostileCtf, KilledImportLeavesNoCheckChildBehind) {
    if (!fs::exists(kPublicKernel))
        GTEST_SKIP() << kPublicKernel << " is missing (the public traces live beside the checkout in ../shared)";
    TempDir dir;
    const std::string collection = bigCollection(dir, 150);
    std::vector<std::string> argv{aioscope::test::ChildProcess::aioscope(), "import", collection};
    aioscope::test::ChildProcess child(argv, dir.path());
    // Wait until the check child runs beside aioscope (both show the path).
    bool both = false;
    for (int i = 0; i < 400 && !both; ++i) {
        std::this_thread::sleep_for(10ms);
        both = processesMentioning(collection).size() >= 2;
    }
    ASSERT_TRUE(both) << "never saw aioscope and its check child at work";
    child.signal(SIGKILL);
    child.wait();
    std::vector<pid_t> left;
    for (int i = 0; i < 100; ++i) {
        left = processesMentioning(collection);
        if (left.empty())
            break;
        std::this_thread::sleep_for(50ms);
    }
    for (pid_t pid : left)
        ::kill(pid, SIGKILL);
    EXPECT_TRUE(left.empty()) << left.size() << " process(es) still working on " << collection;
}

// Issue 18: "a directory without a CTF metadata file" was said of a folder
// whose metadata file has the wrong magic.
TEST(HostileCtf, MetadataWithABadMagicSaysSo) {
    TempDir dir;
    const std::string trace = dir / "trace";
    smallTrace().write(trace);
    std::string bytes = readFile(trace + "/metadata");
    bytes.replace(0, 4, "\x57\x1d\xd1\x74");
    writeFile(trace + "/metadata", bytes);
    const Outcome o = runAioscope({"import", trace}, 30s);
    expectDamaged(o, trace + "/metadata");
    EXPECT_NE(o.err.find("not CTF metadata (offset 0: magic 0x74d11d57"), std::string::npos) << o.describe();
    EXPECT_EQ(o.err.find("without a CTF metadata file"), std::string::npos) << o.describe();
}

TEST(HostileCtf, MetadataFileGivenDirectlyWithABadMagicSaysSo) {
    TempDir dir;
    writeFile(dir / "metadata", "not metadata at all\n");
    const Outcome o = runAioscope({"import", dir / "metadata"}, 30s);
    expectDamaged(o, dir / "metadata");
    EXPECT_NE(o.err.find("not CTF metadata"), std::string::npos) << o.describe();
}

TEST(HostileCtf, EmptyMetadataFileSaysSo) {
    TempDir dir;
    const std::string trace = dir / "trace";
    smallTrace().write(trace);
    writeFile(trace + "/metadata", "");
    const Outcome o = runAioscope({"import", trace}, 30s);
    expectDamaged(o, trace + "/metadata");
    EXPECT_NE(o.err.find("empty file"), std::string::npos) << o.describe();
}

// Issue 18: a CTF folder with zero readable events exited 0; a text trace
// with none exits 2.
TEST(HostileCtf, TraceWithoutEventsIsExit2) {
    TempDir dir;
    const std::string trace = dir / "trace";
    smallTrace(1).write(trace);
    for (const auto& entry : fs::directory_iterator(trace))
        if (entry.path().filename() != "metadata")
            writeFile(entry.path().string(), ""); // empty stream files
    const Outcome o = runAioscope({"import", trace}, 30s);
    expectDamaged(o, trace);
    EXPECT_NE(o.err.find("no CTF event could be read"), std::string::npos) << o.describe();
}

// A trace reached through three links to "." is read once.
TEST(HostileCtf, TraceBehindLinkLoopsIsReadOnce) {
    TempDir dir;
    const std::string top = dir / "d";
    const auto w = smallTrace(25);
    w.write(top + "/trace");
    for (const char* name : {"a", "b", "c"})
        fs::create_symlink(".", top + "/" + name);
    const Outcome o = runAioscope({"import", top}, 30s);
    ASSERT_FALSE(o.timedOut) << o.describe();
    ASSERT_EQ(o.exitCode, 0) << o.describe();
    EXPECT_EQ(eventsImported(o), static_cast<long>(w.eventCount())) << o.describe();
}

// A FIFO among the stream files blocked babeltrace2's open; it is left out
// with a warning naming it, and the real streams are read.
TEST(HostileCtf, FifoAmongTheStreamFilesIsLeftOut) {
    TempDir dir;
    const std::string trace = dir / "trace";
    const auto w = smallTrace(30);
    w.write(trace);
    ASSERT_EQ(::mkfifo((trace + "/chan_7").c_str(), 0600), 0);
    const Outcome o = runAioscope({"import", trace}, 30s);
    ASSERT_FALSE(o.timedOut) << o.describe();
    ASSERT_EQ(o.exitCode, 0) << o.describe();
    EXPECT_EQ(eventsImported(o), static_cast<long>(w.eventCount())) << o.describe();
    EXPECT_NE(o.err.find(trace + "/chan_7 is not a regular file"), std::string::npos) << o.describe();
}

// A pid that no process has: a child that already exited and was reaped.
pid_t deadPid() {
    const pid_t pid = ::fork();
    if (pid == 0)
        ::_exit(0);
    ::waitpid(pid, nullptr, 0);
    return pid;
}

// Issue 18 case 4 (CTF side): shadow folders of a killed import carry its
// pid and are removed by the next import once that pid is gone; a live
// owner's stay, and nothing a shadow links to is touched.
TEST(HostileCtf, ShadowFoldersOfDeadImportsAreRemovedAtTheNextImport) {
    TempDir tmp("hostile-ctf-tmpdir");
    ScopedEnv tmpdir("TMPDIR", tmp.path());
    TempDir dir;
    writeFile(dir / "precious", "keep me");
    const std::string dead = tmp / ("aioscope-ctf-shadow-" + std::to_string(deadPid()) + "-AbC123");
    const std::string live = tmp / ("aioscope-ctf-shadow-" + std::to_string(::getpid()) + "-XyZ789");
    for (const auto& shadow : {dead, live}) {
        fs::create_directory(shadow);
        fs::create_symlink(dir / "precious", shadow + "/chan_0");
    }
    const std::string trace = dir / "trace";
    smallTrace().write(trace);
    const Outcome o = runAioscope({"import", trace}, 30s);
    ASSERT_EQ(o.exitCode, 0) << o.describe();
    EXPECT_FALSE(fs::exists(dead)) << dead;
    EXPECT_TRUE(fs::exists(live)) << live;
    EXPECT_EQ(readFile(dir / "precious"), "keep me");
    // And the import itself leaves no shadow of its own behind.
    std::size_t shadows = 0;
    for (const auto& entry : fs::directory_iterator(tmp.path()))
        shadows += entry.path().filename().string().starts_with("aioscope-ctf-shadow-") ? 1 : 0;
    EXPECT_EQ(shadows, 1u);
}

// Killed in the middle of a CTF import that makes shadows (LTTng traces
// have index/, which the check leaves out through a shadow): the next
// import removes what the killed one left.
TEST(HostileCtf, ShadowsOfAKilledImportAreRemovedNextTime) {
    if (!fs::exists(kPublicKernel))
        GTEST_SKIP() << kPublicKernel << " is missing (the public traces live beside the checkout in ../shared)";
    TempDir tmp("hostile-ctf-tmpdir");
    ScopedEnv tmpdir("TMPDIR", tmp.path());
    TempDir dir;
    const std::string collection = bigCollection(dir, 150);
    std::vector<std::string> argv{aioscope::test::ChildProcess::aioscope(), "import", collection};
    aioscope::test::ChildProcess child(argv, dir.path());
    bool sawShadow = false;
    for (int i = 0; i < 400 && !sawShadow; ++i) {
        std::this_thread::sleep_for(10ms);
        for (const auto& entry : fs::directory_iterator(tmp.path()))
            sawShadow |= entry.path().filename().string().starts_with("aioscope-ctf-shadow-");
    }
    child.signal(SIGKILL);
    child.wait();
    ASSERT_TRUE(sawShadow) << "the import made no shadow folder to leave behind";
    const Outcome o = runAioscope({"import", kPublicKernel}, 40s);
    ASSERT_EQ(o.exitCode, 0) << o.describe();
    for (const auto& entry : fs::directory_iterator(tmp.path()))
        EXPECT_FALSE(entry.path().filename().string().starts_with("aioscope-ctf-shadow-")) << entry.path();
}

} // namespace
