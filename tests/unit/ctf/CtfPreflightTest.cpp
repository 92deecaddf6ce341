// Traces that make libbabeltrace2 2.0.4 abort() (kept by the fuzzer in
// tests/fuzz/ctf/libbabeltrace2-aborts/) are read through CtfPreflight: an
// error or a warning naming the trace, and this process lives on.
#include "../../fuzz/ctf/CtfFuzzInput.h"
#include "CollectingSink.h"
#include "CtfTestTraceWriter.h"
#include "ScopedEnv.h"
#include "TempDir.h"
#include "trace/ctf/CtfTraceReader.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>
#include <vector>

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
    EXPECT_EQ(sink.warnings[0].kind, "corrupt-packet");
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
    EXPECT_EQ(sink.warnings[0].kind, "corrupt-packet");
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

TEST(CtfPreflight, WorksFromAWorkerThreadWhileOtherThreadsAllocate) {
    // The GUI imports on a worker thread: the fork happens while other
    // threads hold and take locks (malloc's here); the child must not hang.
    TempDir tmp;
    writeKept("packet-size-assertion", tmp / "s/bad");
    writeGood(tmp / "s/good");
    std::atomic<bool> done{false};
    std::vector<std::thread> busy;
    for (int t = 0; t < 2; ++t)
        busy.emplace_back([&done] {
            while (!done.load()) {
                std::vector<std::string> churn(64, std::string(100, 'x'));
                churn.clear();
            }
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
