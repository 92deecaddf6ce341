// The CTF reader on small real CTF traces written by CtfTestTraceWriter:
// what each RawEvent holds, kernel task inference, and bad input.
#include "CollectingSink.h"
#include "CtfTestTraceWriter.h"
#include "ScopedEnv.h"
#include "TempDir.h"
#include "trace/ctf/CtfTraceReader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using aioscope::ImportProblem;
using aioscope::testing::CollectingSink;
using aioscope::testing::CtfTestTraceWriter;
using aioscope::test::ScopedEnv;
using aioscope::test::TempDir;
using aioscope::trace::CtfTraceReader;
using Type = CtfTestTraceWriter::Type;
using V = CtfTestTraceWriter::Value;

namespace {

V n(std::int64_t v) { return V{v}; }
V s(const char* v) { return V{std::string(v)}; }

// fio (pid 42) on CPU 0 reads with pread64; a worker it forks runs on CPU 1.
CtfTestTraceWriter kernelTrace()
{
    CtfTestTraceWriter w("kernel");
    const auto k = w.kernelEvents();
    const auto sw = k, entry = k + 1, exit = k + 2, statedump = k + 3, fork = k + 4;
    w.add(0, 1000, statedump, {n(42), n(42), s("fio")});
    w.add(0, 1500, entry, {n(1), n(10), n(0)}); // before CPU 0's first switch: task unknown
    w.add(0, 2000, sw, {s("swapper/0"), n(0), n(20), n(0), s("fio"), n(42), n(20)});
    w.add(0, 3000, entry, {n(3), n(4096), n(8192)});
    w.add(0, 3100, fork, {s("fio"), n(42), n(42), s("fio"), n(43), n(42)});
    w.add(1, 3200, sw, {s("swapper/1"), n(0), n(20), n(0), s("fio"), n(43), n(20)});
    w.add(1, 3300, entry, {n(4), n(512), n(0)});
    w.add(0, 4000, exit, {n(4096), n(0x7f0000001000)});
    w.add(0, 5000, sw, {s("fio"), n(42), n(20), n(1), s("swapper/0"), n(0), n(20)});
    w.add(0, 5100, exit, {n(-11), n(0)});
    return w;
}

TEST(CtfReader, KernelRecordsTakeTidPidCommFromSchedSwitch)
{
    TempDir tmp;
    kernelTrace().write(tmp / "kernel");
    CollectingSink sink;
    CtfTraceReader reader;
    const auto result = reader.read(tmp.path(), sink, {});
    ASSERT_TRUE(result.ok()) << result.error().message;
    ASSERT_EQ(sink.kept.size(), 10u);
    const auto& k = sink.kept;
    EXPECT_EQ(k[0].system, "lttng_statedump");
    EXPECT_EQ(k[0].name, "process_state");
    EXPECT_EQ(k[0].sourceName, "lttng_statedump_process_state");
    EXPECT_EQ(k[1].tid, -1) << "no sched_switch seen on CPU 0 yet";
    EXPECT_EQ(k[2].system, "sched");
    EXPECT_EQ(k[2].name, "sched_switch");
    EXPECT_EQ(k[2].tid, 0) << "a switch runs as prev";
    EXPECT_EQ(k[2].comm, "swapper/0");
    EXPECT_EQ(k[3].system, "syscalls");
    EXPECT_EQ(k[3].name, "sys_enter_pread64");
    EXPECT_EQ(k[3].sourceName, "syscall_entry_pread64");
    EXPECT_TRUE(k[3].fieldSource.empty()) << "pread64's fields are spelt alike";
    EXPECT_EQ(k[3].ts, 3000);
    EXPECT_EQ(k[3].cpu, 0);
    EXPECT_EQ(k[3].tid, 42);
    EXPECT_EQ(k[3].pid, 42) << "pid from the statedump";
    EXPECT_EQ(k[3].comm, "fio");
    EXPECT_EQ(k[3].number.at("count"), 4096);
    EXPECT_EQ(k[3].text.at("pos"), "8192");
    EXPECT_EQ(k[6].cpu, 1);
    EXPECT_EQ(k[6].tid, 43);
    EXPECT_EQ(k[6].pid, 42) << "pid from sched_process_fork";
    EXPECT_EQ(k[7].tid, 42);
    EXPECT_EQ(k[7].text.at("buf"), "0x7f0000001000");
    EXPECT_EQ(k[8].tid, 42) << "switching out runs as the task leaving";
    EXPECT_EQ(k[9].tid, 0);
    EXPECT_EQ(k[9].number.at("ret"), -11);
}

TEST(CtfReader, KernelFieldsGetTheirFtraceNames) {
    TempDir tmp;
    kernelTrace().write(tmp / "kernel");
    CollectingSink sink;
    CtfTraceReader reader;
    ASSERT_TRUE(reader.read(tmp.path(), sink, {}).ok());
    ASSERT_EQ(sink.kept.size(), 10u);
    const auto& sw = sink.kept[2];
    EXPECT_EQ(sw.number.at("prev_pid"), 0);
    EXPECT_EQ(sw.number.at("next_pid"), 42);
    EXPECT_EQ(sw.fieldSource.at("next_pid"), "next_tid");
    EXPECT_EQ(sw.text.count("next_tid"), 0u);
    EXPECT_EQ(sw.fieldSource.count("next_comm"), 0u) << "a field spelt alike keeps no second name";
    // lttng's fork: *_tid are the threads ftrace calls *_pid, its *_pid the thread groups.
    const auto& fork = sink.kept[4];
    EXPECT_EQ(fork.name, "sched_process_fork");
    EXPECT_EQ(fork.number.at("parent_pid"), 42);
    EXPECT_EQ(fork.number.at("child_pid"), 43);
    EXPECT_EQ(fork.number.at("child_tgid"), 42);
    EXPECT_EQ(fork.fieldSource.at("child_pid"), "child_tid");
    EXPECT_EQ(fork.fieldSource.at("child_tgid"), "child_pid");
    EXPECT_EQ(sink.kept[0].number.at("tid"), 42) << "the statedump has no ftrace twin: its fields stay";
}

TEST(CtfReader, UstRecordsSplitProviderAndTakeTaskFromContext)
{
    TempDir tmp;
    CtfTestTraceWriter w("ust");
    const auto submit = w.defineEvent("aioscope:submit", {{"seq", Type::U64}, {"design", Type::String}, {"length", Type::U32}});
    const auto plain = w.defineEvent("noprovider", {{"x", Type::I32}});
    w.add(2, 100, submit, {n(7), s("pool"), n(4096)}, 500, 501, "aioscope");
    w.add(2, 200, plain, {n(-5)}, 500, 502, "worker");
    w.write(tmp / "ust");
    CollectingSink sink;
    CtfTraceReader reader;
    ASSERT_TRUE(reader.read(tmp / "ust/metadata", sink, {}).ok()) << "a metadata file path reads its directory";
    ASSERT_EQ(sink.kept.size(), 2u);
    EXPECT_EQ(sink.kept[0].system, "aioscope");
    EXPECT_EQ(sink.kept[0].name, "submit");
    EXPECT_EQ(sink.kept[0].tid, 501);
    EXPECT_EQ(sink.kept[0].pid, 500);
    EXPECT_EQ(sink.kept[0].comm, "aioscope");
    EXPECT_EQ(sink.kept[0].text.at("design"), "pool");
    EXPECT_EQ(sink.kept[0].number.at("seq"), 7);
    EXPECT_EQ(sink.kept[0].text.size(), 3u) << "context members used as tid/pid/comm are not fields";
    EXPECT_EQ(sink.kept[1].system, "");
    EXPECT_EQ(sink.kept[1].name, "noprovider");
    EXPECT_EQ(sink.kept[1].comm, "worker");
    EXPECT_EQ(sink.kept[1].number.at("x"), -5);
}

TEST(CtfReader, CollectionOfKernelAndUstIsMergedInTimeOrder)
{
    TempDir tmp;
    kernelTrace().write(tmp / "session/kernel");
    CtfTestTraceWriter u("ust");
    const auto e = u.defineEvent("aioscope:exec_start", {{"seq", Type::U64}});
    u.add(0, 3050, e, {n(1)}, 42, 42, "fio");
    u.write(tmp / "session/ust/uid/0/64-bit");
    CtfTraceReader reader;
    EXPECT_TRUE(reader.canRead(tmp / "session"));
    CollectingSink sink;
    ASSERT_TRUE(reader.read(tmp / "session", sink, {}).ok());
    ASSERT_EQ(sink.kept.size(), 11u);
    EXPECT_EQ(sink.kept[4].name, "exec_start");
    EXPECT_EQ(sink.kept[4].ts, 3050);
    for (std::size_t i = 1; i < sink.kept.size(); ++i)
        EXPECT_LE(sink.kept[i - 1].ts, sink.kept[i].ts);
}

TEST(CtfReader, NotATraceIsAnErrorNamingThePath)
{
    TempDir tmp;
    std::ofstream(tmp / "notes.txt") << "hello, not a trace\n";
    std::ofstream(tmp / "metadata") << "plain text that is not TSDL\n";
    CtfTraceReader reader;
    EXPECT_FALSE(reader.canRead(tmp / "notes.txt"));
    EXPECT_FALSE(reader.canRead(tmp.path())) << "a file named metadata is not enough";
    CollectingSink sink;
    for (const std::string& path : {tmp / "notes.txt", tmp.path(), tmp / "missing"}) {
        const auto result = reader.read(path, sink, {});
        ASSERT_FALSE(result.ok()) << path;
        EXPECT_NE(result.error().message.find(path), std::string::npos) << result.error().message;
    }
    EXPECT_EQ(sink.events, 0u);
}

// No event at all is an error (exit 2), as for a text trace (issue 18).
TEST(CtfReader, MetadataOnlyTraceIsAnErrorWithoutEvents) {
    TempDir tmp;
    CtfTestTraceWriter w("kernel");
    w.kernelEvents();
    std::ofstream(tmp / "metadata") << w.metadata();
    CtfTraceReader reader;
    CollectingSink sink;
    const auto result = reader.read(tmp.path(), sink, {});
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().message.find(tmp.path() + ": no CTF event could be read"), std::string::npos)
        << result.error().message;
    EXPECT_EQ(sink.events, 0u);
}

TEST(CtfReader, BrokenMetadataIsAnErrorNamingTheTrace)
{
    TempDir tmp;
    auto w = kernelTrace();
    w.write(tmp / "t");
    std::string metadata = w.metadata();
    metadata.replace(metadata.find("trace {"), 7, "trace }}} {");
    std::ofstream(tmp / "t/metadata") << metadata;
    CtfTraceReader reader;
    CollectingSink sink;
    const auto result = reader.read(tmp.path(), sink, {});
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().message.find(tmp / "t"), std::string::npos) << result.error().message;
    EXPECT_NE(result.error().message.find("metadata"), std::string::npos) << result.error().message;
}

TEST(CtfReader, DamagedStreamFileIsSkippedWithAWarningNamingIt)
{
    TempDir tmp;
    TempDir scratch("ctf-reader-scratch"); // TMPDIR of this test only: parallel tests have shadows too
    const ScopedEnv privateTmp("TMPDIR", scratch.path());
    kernelTrace().write(tmp / "t");
    // A bad packet magic: babeltrace2 refuses the whole trace for it.
    std::fstream(tmp / "t/chan_1", std::ios::in | std::ios::out | std::ios::binary).write("\xff\xff\xff\xff", 4);
    CtfTraceReader reader;
    CollectingSink sink;
    const auto result = reader.read(tmp.path(), sink, {});
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(sink.events, 8u) << "CPU 0's records are all there";
    ASSERT_EQ(sink.warnings.size(), 1u);
    EXPECT_EQ(sink.warnings[0].kind, ImportProblem::CorruptPacket);
    EXPECT_EQ(sink.warnings[0].place, tmp / "t/chan_1");
    EXPECT_NE(sink.warnings[0].message.find("magic"), std::string::npos) << sink.warnings[0].message;
    for (const auto& e : sink.kept)
        EXPECT_EQ(e.cpu, 0);
    // The shadow directory used to read around the damage is gone.
    for (const auto& entry : std::filesystem::directory_iterator(scratch.path()))
        EXPECT_EQ(entry.path().filename().string().find("aioscope-ctf-shadow-"), std::string::npos) << entry.path();
}

// No readable event is an error (exit 2), as for a text trace without one;
// the warnings still say which stream file was refused and why.
TEST(CtfReader, EveryStreamDamagedIsAnErrorWithTheWarnings)
{
    TempDir tmp;
    kernelTrace().write(tmp / "t");
    for (const char* chan : {"t/chan_0", "t/chan_1"})
        std::fstream(tmp / chan, std::ios::in | std::ios::out | std::ios::binary).write("\xff\xff\xff\xff", 4);
    CtfTraceReader reader;
    CollectingSink sink;
    const auto result = reader.read(tmp.path(), sink, {});
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().message.find(tmp.path() + ": no CTF event could be read"), std::string::npos)
        << result.error().message;
    EXPECT_EQ(sink.events, 0u);
    EXPECT_EQ(sink.warnings.size(), 2u);
}

TEST(CtfReader, ClockWithoutFrequencyIsRefusedNotACrash)
{
    // libbabeltrace2 2.0.4 divides by the clock frequency without checking
    // it (SIGFPE): found by the CTF fuzzer, caught before babeltrace2 sees it.
    TempDir tmp;
    auto w = kernelTrace();
    w.write(tmp / "t");
    std::string metadata = w.metadata();
    metadata.replace(metadata.find("freq = 1000000000;"), 18, "");
    std::ofstream(tmp / "t/metadata", std::ios::trunc) << metadata;
    CtfTraceReader reader;
    CollectingSink sink;
    const auto result = reader.read(tmp.path(), sink, {});
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().message.find("freq"), std::string::npos) << result.error().message;
}

TEST(CtfReader, BrokenTraceNextToGoodOneIsAWarning)
{
    TempDir tmp;
    kernelTrace().write(tmp / "good");
    kernelTrace().write(tmp / "bad");
    std::ofstream(tmp / "bad/metadata") << "/* CTF 1.8 */\ntrace { major = 1; minor = 8; byte_order = le; ;;; garbage";
    CtfTraceReader reader;
    CollectingSink sink;
    const auto result = reader.read(tmp.path(), sink, {});
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(sink.events, 10u);
    ASSERT_EQ(sink.warnings.size(), 1u);
    EXPECT_EQ(sink.warnings[0].kind, ImportProblem::CorruptMetadata);
    EXPECT_EQ(sink.warnings[0].place, tmp / "bad/metadata");
}

TEST(CtfReader, PacketCutMidEventKeepsEverythingBeforeIt)
{
    // The packet context claims 4 bytes less than CPU 0's last record needs:
    // babeltrace2 decodes up to there, then fails (and 2.0.4 reports OK with
    // its error still set, which aborted the next graph step before the fix).
    TempDir tmp;
    CtfTestTraceWriter w("kernel");
    const auto entry = w.kernelEvents() + 1;
    for (int i = 0; i < 20; ++i) {
        w.add(0, 1000 + i * 10, entry, {n(3), n(4096), n(i)});
        w.add(1, 1005 + i * 10, entry, {n(4), n(4096), n(i)});
    }
    w.write(tmp / "t");
    std::string chan0 = w.streams().at("chan_0");
    const std::uint64_t contentBits = (chan0.size() - 4) * 8;
    chan0.replace(24, 8, reinterpret_cast<const char*>(&contentBits), 8); // content_size, after magic, stream_id, 2 timestamps
    std::ofstream(tmp / "t/chan_0", std::ios::binary | std::ios::trunc) << chan0;
    CtfTraceReader reader;
    CollectingSink sink;
    const auto result = reader.read(tmp.path(), sink, {});
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(sink.events, 39u) << "every record but CPU 0's last";
    ASSERT_EQ(sink.warnings.size(), 1u);
    EXPECT_EQ(sink.warnings[0].kind, ImportProblem::CorruptPacket);
    EXPECT_EQ(sink.warnings[0].place, tmp / "t/chan_0");
    EXPECT_NE(sink.warnings[0].message.find("after event 39"), std::string::npos) << sink.warnings[0].message;
}

TEST(CtfReader, TruncatedPacketSkipsItsStreamFile)
{
    TempDir tmp;
    auto w = kernelTrace();
    w.write(tmp / "t");
    // Cut CPU 0's packet in the middle of its events; the packet context
    // still claims the full size, so babeltrace2 cannot index the file.
    const auto streams = w.streams();
    const std::string& chan0 = streams.at("chan_0");
    std::ofstream(tmp / "t/chan_0", std::ios::binary | std::ios::trunc) << chan0.substr(0, chan0.size() - 40);
    CtfTraceReader reader;
    CollectingSink sink;
    const auto result = reader.read(tmp.path(), sink, {});
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(sink.events, 2u) << "CPU 1's records";
    ASSERT_EQ(sink.warnings.size(), 1u);
    EXPECT_EQ(sink.warnings[0].place, tmp / "t/chan_0");
}

} // namespace
