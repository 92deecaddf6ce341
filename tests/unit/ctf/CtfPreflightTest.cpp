// Traces that make libbabeltrace2 2.0.4 abort() (kept by the fuzzer in
// tests/fuzz/ctf/libbabeltrace2-aborts/) are read through CtfPreflight: an
// error or a warning naming the trace, and this process lives on.
#include "trace/ctf/CtfPreflight.h"
#include "../../fuzz/ctf/CtfFuzzInput.h"
#include "CollectingSink.h"
#include "CtfTestTraceWriter.h"
#include "ScopedEnv.h"
#include "TempDir.h"
#include "trace/ctf/CtfTraceReader.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <pthread.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

using aioscope::ImportProblem;
using aioscope::test::ScopedEnv;
using aioscope::test::TempDir;
using aioscope::testing::CollectingSink;
using aioscope::testing::CtfFuzzInput;
using aioscope::testing::CtfTestTraceWriter;
using aioscope::trace::CtfTraceReader;
using V = CtfTestTraceWriter::Value;

namespace {

const std::string kAborts = std::string(AIOSCOPE_SOURCE_DIR) + "/tests/fuzz/ctf/libbabeltrace2-aborts/";

// Writes a kept fuzz input (metadata + one stream file) as trace directory `dir`.
void writeKept(const std::string& input, const std::string& dir) {
    std::ifstream in(kAborts + input, std::ios::binary);
    ASSERT_TRUE(in) << kAborts + input;
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto parts = CtfFuzzInput::split(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    std::filesystem::create_directories(dir);
    std::ofstream(dir + "/metadata", std::ios::binary) << parts.metadata;
    std::ofstream(dir + "/chan_0", std::ios::binary) << parts.stream;
}

// Two sched_switch records on CPU 0.
void writeGood(const std::string& dir) {
    CtfTestTraceWriter w("kernel");
    const auto sw = w.kernelEvents();
    w.add(0, 1000, sw, {V{std::string("swapper/0")}, V{0}, V{20}, V{0}, V{std::string("fio")}, V{42}, V{20}});
    w.add(0, 2000, sw, {V{std::string("fio")}, V{42}, V{20}, V{1}, V{std::string("swapper/0")}, V{0}, V{20}});
    w.write(dir);
}

// Three sched_switch records on CPU 0, two on CPU 1; CPU 1's packet context
// gets a packet_size with the top bit set, which babeltrace2 takes for a
// negative size next to a positive content size: the kept input's abort.
void writeWithCrashingChan1(const std::string& dir) {
    CtfTestTraceWriter w("kernel");
    const auto sw = w.kernelEvents();
    for (std::uint32_t cpu : {0u, 1u, 0u, 1u, 0u})
        w.add(cpu, 1000 + w.eventCount() * 100, sw,
              {V{std::string("swapper")}, V{0}, V{20}, V{0}, V{std::string("fio")}, V{42}, V{20}});
    w.write(dir);
    std::fstream chan1(dir + "/chan_1", std::ios::in | std::ios::out | std::ios::binary);
    chan1.seekp(32 + 7); // packet_size: after magic, stream_id, 2 timestamps, content_size; its top byte (le)
    chan1.put('\xf0');
}

// Looks in `dir`: the test points TMPDIR there (ScopedEnv), so tests running
// in parallel, with shadows of their own, are not seen.
bool shadowLeftBehind(const std::string& dir) {
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        if (entry.path().filename().string().rfind("aioscope-ctf-shadow-", 0) == 0)
            return true;
    return false;
}

TEST(CtfPreflight, PacketSizeAssertionIsAnErrorNamingTheTrace) {
    // `babeltrace2 DIR` aborts on this one (msg-iter.c:1111, while
    // source.ctf.fs indexes chan_0); the reader must not.
    TempDir tmp;
    TempDir scratch("ctf-preflight-scratch");
    const ScopedEnv privateTmp("TMPDIR", scratch.path());
    writeKept("packet-size-assertion", tmp / "t");
    CtfTraceReader reader;
    CollectingSink sink;
    const auto result = reader.read(tmp.path(), sink, {});
    ASSERT_FALSE(result.ok());
    const std::string& message = result.error().message;
    EXPECT_EQ(message.rfind(tmp.path() + ": ", 0), 0u) << message;
    EXPECT_NE(message.find("CTF trace " + tmp / "t"), std::string::npos) << message;
    EXPECT_NE(message.find("libbabeltrace2 crashed"), std::string::npos) << message;
    EXPECT_NE(message.find("set_current_packet_content_sizes"), std::string::npos)
        << "babeltrace2's own words, from the child's stderr: " << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << "one line: " << message;
    EXPECT_EQ(sink.events, 0u);
    EXPECT_TRUE(sink.warnings.empty());
    EXPECT_FALSE(shadowLeftBehind(scratch.path()));
}

TEST(CtfPreflight, CrashingTraceNextToGoodOnesIsAWarning) {
    TempDir tmp;
    writeGood(tmp / "session/a-good");
    writeKept("packet-size-assertion", tmp / "session/b-bad");
    writeGood(tmp / "session/c-good");
    CtfTraceReader reader;
    CollectingSink sink;
    const auto result = reader.read(tmp / "session", sink, {});
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(sink.events, 4u) << "both good traces are read";
    ASSERT_EQ(sink.warnings.size(), 1u);
    EXPECT_EQ(sink.warnings[0].kind, ImportProblem::CorruptPacket);
    EXPECT_EQ(sink.warnings[0].place, tmp / "session/b-bad");
    EXPECT_NE(sink.warnings[0].message.find("libbabeltrace2 crashed"), std::string::npos) << sink.warnings[0].message;
}

TEST(CtfPreflight, OnlyTheCrashingStreamFileIsLeftOut) {
    TempDir tmp;
    TempDir scratch("ctf-preflight-scratch");
    const ScopedEnv privateTmp("TMPDIR", scratch.path());
    writeWithCrashingChan1(tmp / "t");
    CtfTraceReader reader;
    CollectingSink sink;
    const auto result = reader.read(tmp.path(), sink, {});
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(sink.events, 3u) << "CPU 0's records";
    for (const auto& e : sink.kept)
        EXPECT_EQ(e.cpu, 0);
    ASSERT_EQ(sink.warnings.size(), 1u);
    EXPECT_EQ(sink.warnings[0].kind, ImportProblem::CorruptPacket);
    EXPECT_EQ(sink.warnings[0].place, tmp / "t/chan_1");
    EXPECT_NE(sink.warnings[0].message.find("libbabeltrace2 crashed"), std::string::npos) << sink.warnings[0].message;
    EXPECT_FALSE(shadowLeftBehind(scratch.path()));
}

TEST(CtfPreflight, DamageBehindAnLttngIndexIsFoundToo) {
    // With LTTng's index/ files, babeltrace2 reads the second packet of a
    // stream file only while the graph runs, and aborts there; the child
    // builds the graph without them, so it meets the damage first.
    const std::string original = std::string(AIOSCOPE_PUBLIC_TRACES) + "/lttng-ctf/tc-many-threads";
    if (!std::filesystem::is_directory(original + "/index"))
        GTEST_SKIP() << "public trace folder missing: " << original << " (see ../shared/public-traces/SOURCES.md)";
    TempDir tmp;
    namespace fs = std::filesystem;
    fs::copy(original, tmp / "t", fs::copy_options::recursive);
    // The public traces are read-only; so would their copy be, and TempDir
    // could not remove it without root.
    fs::permissions(tmp / "t", fs::perms::owner_write, fs::perm_options::add);
    for (const auto& entry : fs::recursive_directory_iterator(tmp / "t"))
        fs::permissions(entry.path(), fs::perms::owner_write, fs::perm_options::add);
    {
        // 256 KiB packets; LTTng's packet header is 32 bytes (magic, uuid,
        // stream_id, stream_instance_id), then timestamps, content_size, packet_size.
        std::fstream chan(tmp / "t/channel0_3", std::ios::in | std::ios::out | std::ios::binary);
        chan.seekp(262144 + 56 + 7);
        chan.put('\xf0');
    }
    CtfTraceReader reader;
    CollectingSink sink;
    sink.keep = [](const aioscope::trace::RawEvent&) { return false; };
    const auto result = reader.read(tmp / "t", sink, {});
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(sink.events, 217588u) << "all of the 240644 but channel0_3's";
    ASSERT_EQ(sink.warnings.size(), 1u);
    EXPECT_EQ(sink.warnings[0].place, tmp / "t/channel0_3");
    EXPECT_NE(sink.warnings[0].message.find("set_current_packet_content_sizes"), std::string::npos)
        << sink.warnings[0].message;
}

TEST(CtfPreflight, EveryTraceCrashingIsOneErrorAndWarnings) {
    TempDir tmp;
    writeKept("packet-size-assertion", tmp / "s/one");
    writeKept("packet-size-assertion", tmp / "s/two");
    CtfTraceReader reader;
    CollectingSink sink;
    const auto result = reader.read(tmp / "s", sink, {});
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().message.find(tmp / "s/one"), std::string::npos) << result.error().message;
    ASSERT_EQ(sink.warnings.size(), 1u);
    EXPECT_EQ(sink.warnings[0].place, tmp / "s/two");
}

#ifdef __SANITIZE_ADDRESS__
// GCC 12's libasan takes no allocator locks around fork() (later sanitizers
// install fork handlers for that): a thread in the middle of an allocation
// leaves the child's allocator locked, and the child spins until its time
// limit. glibc's malloc does take its locks, which the main build tests; in
// the sanitizer build the churning threads step aside while a fork happens.
struct ChurnAtFork {
    static inline std::atomic<bool> forking{false};
    static inline std::atomic<int> parked{0};
    static inline std::atomic<int> churners{0};
    static void install() {
        static const bool once = [] {
            ::pthread_atfork(
                [] {
                    forking = true;
                    while (parked.load() < churners.load())
                        std::this_thread::yield();
                },
                [] { forking = false; }, nullptr);
            return true;
        }();
        (void)once;
    }
    // Called by a churning thread between its allocations.
    static void stepAsideIfForking() {
        if (!forking.load())
            return;
        ++parked;
        while (forking.load())
            std::this_thread::yield();
        --parked;
    }
};
#endif

TEST(CtfPreflight, WorksFromAWorkerThreadWhileOtherThreadsAllocate) {
    // The GUI imports on a worker thread: the fork happens while other
    // threads hold and take locks (malloc's here); the child must not hang.
    TempDir tmp;
    writeKept("packet-size-assertion", tmp / "s/bad");
    writeGood(tmp / "s/good");
    std::atomic<bool> done{false};
    std::vector<std::thread> busy;
#ifdef __SANITIZE_ADDRESS__
    ChurnAtFork::install();
    ChurnAtFork::churners = 2;
#endif
    for (int t = 0; t < 2; ++t)
        busy.emplace_back([&done] {
            while (!done.load()) {
                std::vector<std::string> churn(64, std::string(100, 'x'));
                churn.clear();
#ifdef __SANITIZE_ADDRESS__
                ChurnAtFork::stepAsideIfForking();
#endif
            }
#ifdef __SANITIZE_ADDRESS__
            --ChurnAtFork::churners;
#endif
        });
    std::uint64_t events = 0;
    std::size_t warnings = 0;
    for (int round = 0; round < 5; ++round) {
        std::thread worker([&] {
            CtfTraceReader reader;
            CollectingSink sink;
            if (reader.read(tmp / "s", sink, {}).ok()) {
                events += sink.events;
                warnings += sink.warnings.size();
            }
        });
        worker.join();
    }
    done = true;
    for (auto& t : busy)
        t.join();
    EXPECT_EQ(events, 5u * 2u);
    EXPECT_EQ(warnings, 5u);
}

TEST(CtfPreflight, CancelledBeforeTheTestRunIsAnError) {
    TempDir tmp;
    writeGood(tmp / "t");
    std::atomic<bool> cancel{true};
    aioscope::trace::ReadControl control;
    control.cancel = &cancel;
    CtfTraceReader reader;
    CollectingSink sink;
    const auto result = reader.read(tmp / "t", sink, control);
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().message.find("cancelled"), std::string::npos) << result.error().message;
}

} // namespace

// ---- issue 18, case 9: LTTng metadata cut short makes babeltrace2 spin ----

namespace {

const std::string kPublicKernel = std::string(AIOSCOPE_PUBLIC_TRACES) + "/lttng-ctf/bt-lttng-tracefile-rotation/kernel";

// A copy of a public LTTng kernel trace whose metadata file ends at `size`
// bytes: babeltrace2 2.0 spins on it at 100% CPU (`babeltrace2 DIR` too).
std::string spinningTrace(const TempDir& tmp, std::size_t size) {
    const std::string dir = tmp / "kernel";
    std::filesystem::copy(kPublicKernel, dir, std::filesystem::copy_options::recursive);
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir))
        std::filesystem::permissions(entry.path(), std::filesystem::perms::owner_write,
                                     std::filesystem::perm_options::add);
    std::filesystem::resize_file(dir + "/metadata", size);
    return dir;
}

} // namespace

TEST(CtfPreflight, MetadataCutShortIsRefusedBeforeAnyChild) {
    if (!std::filesystem::exists(kPublicKernel))
        GTEST_SKIP() << kPublicKernel << " is missing (the public traces live beside the checkout in ../shared)";
    TempDir tmp;
    const std::string dir = spinningTrace(tmp, 100);
    CtfTraceReader reader;
    CollectingSink sink;
    const auto started = std::chrono::steady_clock::now();
    const auto result = reader.read(tmp.path(), sink, {});
    ASSERT_FALSE(result.ok());
    EXPECT_NE(
        result.error().message.find("a metadata packet at offset 0 of 4096 bytes, but the file ends at offset 100"),
        std::string::npos)
        << result.error().message;
    // Refused by reading its sizes, not by waiting out a child's time limit.
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
}

// Without the metadata guard in front, the child meets the spin for real:
// it is killed at its time limit and the trace is reported damaged.
TEST(CtfPreflight, StuckChildIsKilledAtItsTimeLimit) {
    if (!std::filesystem::exists(kPublicKernel))
        GTEST_SKIP() << kPublicKernel << " is missing (the public traces live beside the checkout in ../shared)";
    TempDir tmp;
    const std::string dir = spinningTrace(tmp, 1000);
    aioscope::trace::CtfPreflight::Options options;
    options.skipRefusedMetadata = false;
    options.perDirectory = std::chrono::milliseconds(1500);
    std::vector<aioscope::ImportWarning> warnings;
    const auto started = std::chrono::steady_clock::now();
    auto survivors = aioscope::trace::CtfPreflight::survivors(tmp.path(), {dir}, {}, warnings, options);
    const auto took = std::chrono::steady_clock::now() - started;
    ASSERT_FALSE(survivors.ok());
    EXPECT_NE(survivors.error().message.find("got stuck"), std::string::npos) << survivors.error().message;
    EXPECT_NE(survivors.error().message.find("within 1.5 s"), std::string::npos) << survivors.error().message;
    EXPECT_GE(took, std::chrono::milliseconds(1500));
    EXPECT_LT(took, std::chrono::seconds(10));
}

// Killing the process that waits for a stuck child kills the child too.
TEST(CtfPreflight, StuckChildDiesWithItsParent) {
    if (!std::filesystem::exists(kPublicKernel))
        GTEST_SKIP() << kPublicKernel << " is missing (the public traces live beside the checkout in ../shared)";
    TempDir tmp;
    const std::string dir = spinningTrace(tmp, 1000);
    const pid_t parent = ::fork();
    if (parent == 0) {
        aioscope::trace::CtfPreflight::Options options;
        options.skipRefusedMetadata = false;
        options.perDirectory = std::chrono::minutes(5);
        std::vector<aioscope::ImportWarning> warnings;
        (void)aioscope::trace::CtfPreflight::survivors(tmp.path(), {dir}, {}, warnings, options);
        ::_exit(0);
    }
    // The parent's child: /proc/PID/task/PID/children lists it once forked.
    pid_t child = 0;
    for (int i = 0; i < 200 && child == 0; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
        std::ifstream children("/proc/" + std::to_string(parent) + "/task/" + std::to_string(parent) + "/children");
        children >> child;
    }
    ASSERT_GT(child, 0) << "the check child was never forked";
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    {
        std::ifstream stat("/proc/" + std::to_string(child) + "/stat");
        std::string pid, comm, state;
        ASSERT_TRUE(stat >> pid >> comm >> state);
        ASSERT_TRUE(state == "R" || state == "S") << "the check child is not at work (state " << state << ")";
    }
    ::kill(parent, SIGKILL);
    ::waitpid(parent, nullptr, 0);
    bool gone = false;
    for (int i = 0; i < 100 && !gone; ++i) {
        std::ifstream stat("/proc/" + std::to_string(child) + "/stat");
        std::string pid, comm, state;
        gone = !(stat >> pid >> comm >> state) || state == "Z" || state == "X";
        if (!gone)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (!gone)
        ::kill(child, SIGKILL);
    EXPECT_TRUE(gone) << "check child " << child << " outlived its parent";
}
