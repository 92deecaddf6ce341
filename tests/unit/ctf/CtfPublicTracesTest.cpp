// The CTF reader against third-party LTTng traces: it must deliver exactly
// the events `babeltrace2 DIR | wc -l` prints (counts in
// public-traces/SOURCES.md; all six agree, no event differs).
#include "CollectingSink.h"
#include "trace/ctf/CtfTraceReader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

using aioscope::ImportProblem;
using aioscope::testing::CollectingSink;
using aioscope::trace::CtfTraceReader;
using aioscope::trace::RawEvent;

namespace {

std::string publicTrace(const std::string& name)
{
    return std::string(AIOSCOPE_PUBLIC_TRACES) + "/lttng-ctf/" + name;
}

#define REQUIRE_PUBLIC_TRACE(dir)                                                                                      \
    if (!std::filesystem::is_directory(dir))                                                                           \
    GTEST_SKIP() << "public trace folder missing: " << (dir) << " (see ../shared/public-traces/SOURCES.md)"

struct Expected {
    const char* dir;
    std::uint64_t events; // babeltrace2 DIR | wc -l
};

class CtfPublicTraceCount : public ::testing::TestWithParam<Expected> {};

TEST_P(CtfPublicTraceCount, EventsReadEqualBabeltrace2)
{
    const std::string dir = publicTrace(GetParam().dir);
    REQUIRE_PUBLIC_TRACE(dir);
    CtfTraceReader reader;
    ASSERT_TRUE(reader.canRead(dir));
    CollectingSink sink;
    sink.keep = [](const RawEvent&) { return false; };
    aioscope::TimeNs last = 0;
    std::uint64_t backwards = 0;
    sink.inspect = [&](const RawEvent& e) {
        backwards += e.ts < last;
        last = e.ts;
    };
    const auto result = reader.read(dir, sink, {});
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(sink.events, GetParam().events);
    EXPECT_EQ(reader.eventsRead(), GetParam().events);
    EXPECT_EQ(backwards, 0u) << "the muxer delivers events in time order";
}

INSTANTIATE_TEST_SUITE_P(LttngCtf, CtfPublicTraceCount,
                         ::testing::Values(Expected{"tc-many-threads", 240644}, Expected{"bt-multi-domains", 4272},
                                           Expected{"bt-lttng-tracefile-rotation", 12305}, Expected{"tc-ros2", 99338},
                                           Expected{"tc-ctf-sequence-empty", 10}, Expected{"bt-session-rotation", 266}),
                         [](const auto& info) {
                             std::string n = info.param.dir;
                             for (char& c : n)
                                 if (c == '-')
                                     c = '_';
                             return n;
                         });

TEST(CtfPublicTraces, KernelRecordsGetTheCpusCurrentTask)
{
    const std::string dir = publicTrace("tc-many-threads");
    REQUIRE_PUBLIC_TRACE(dir);
    std::map<std::int32_t, std::int32_t> current; // cpu -> next_pid of its last sched_switch
    std::uint64_t mismatches = 0, unknown = 0, withPid = 0;
    std::set<std::string> names;
    CollectingSink sink;
    sink.keep = [](const RawEvent&) { return false; };
    sink.inspect = [&](const RawEvent& e) {
        names.insert(std::string(e.ownName()));
        EXPECT_TRUE(e.ownSystem().empty()) << "the trace's own spelling has no system";
        if (e.name == "sched_switch") {
            mismatches += e.tid != *e.number("prev_pid");
            current[e.cpu] = static_cast<std::int32_t>(*e.number("next_pid"));
            return;
        }
        auto it = current.find(e.cpu);
        if (it == current.end())
            ++unknown;
        else
            mismatches += e.tid != it->second;
        withPid += e.pid >= 0;
    };
    CtfTraceReader reader;
    ASSERT_TRUE(reader.read(dir, sink, {}).ok());
    EXPECT_EQ(mismatches, 0u);
    // Records on a CPU before its first sched_switch have no known task.
    EXPECT_EQ(unknown, 11u);
    EXPECT_GT(withPid, 200000u) << "pids come from the statedump and fork records";
    EXPECT_EQ(names.size(), 181u);
}

TEST(CtfPublicTraces, CollectionWithKernelAndUstAndDiscardedEvents)
{
    const std::string dir = publicTrace("bt-multi-domains");
    REQUIRE_PUBLIC_TRACE(dir);
    CollectingSink sink;
    std::uint64_t messages = 0;
    sink.keep = [&](const RawEvent& e) { return e.name == "lttng_test_filter_event" && e.number("intfield") == 0; };
    sink.inspect = [&](const RawEvent& e) {
        if (e.system == "sample_component" && e.name == "message") {
            ++messages;
            EXPECT_EQ(e.text("message"), "Hello World");
        }
    };
    CtfTraceReader reader;
    ASSERT_TRUE(reader.read(dir, sink, {}).ok());
    EXPECT_EQ(messages, 4000u);
    ASSERT_EQ(sink.warnings.size(), 1u);
    EXPECT_EQ(sink.warnings[0].kind, ImportProblem::LostEvents);
    EXPECT_EQ(sink.warnings[0].count, 728u);
    EXPECT_NE(sink.warnings[0].place.find("kernel_channel_0"), std::string::npos) << sink.warnings[0].place;

    ASSERT_FALSE(sink.kept.empty());
    const auto& e = sink.kept[0];
    EXPECT_EQ(e.text.at("arrfield1"), "[1, 2, 3]");
    EXPECT_EQ(e.count.at("arrfield1"), 3);
    EXPECT_EQ(e.text.at("arrfield2"), "test") << "char arrays with an encoding are strings";
    EXPECT_EQ(e.text.at("seqfield2"), "test");
    EXPECT_EQ(e.text.at("intfield2"), "0x0") << "hex display base kept";
    EXPECT_EQ(e.number.at("enum23"), 23);
    EXPECT_EQ(e.text.at("enum23"), "VALUE: 23");
    EXPECT_EQ(e.text.at("enum202"), "RANGE: 101 TO 303");
    EXPECT_EQ(e.count.at("bitfield_seq"), 192);
}

TEST(CtfPublicTraces, UstProviderSplitsIntoSystemAndContextGivesTask)
{
    const std::string dir = publicTrace("tc-ros2");
    REQUIRE_PUBLIC_TRACE(dir);
    std::map<std::string, std::uint64_t> systems;
    std::uint64_t withoutTask = 0, contextFields = 0;
    CollectingSink sink;
    sink.keep = [](const RawEvent& e) { return e.name == "rcl_init"; };
    sink.inspect = [&](const RawEvent& e) {
        ++systems[std::string(e.system)];
        withoutTask += e.tid < 0 || e.pid < 0 || e.comm.empty();
        contextFields += e.field("context.vtid") != nullptr;
    };
    CtfTraceReader reader;
    ASSERT_TRUE(reader.read(dir, sink, {}).ok());
    EXPECT_EQ(withoutTask, 0u);
    EXPECT_EQ(contextFields, 0u) << "vtid/vpid/procname become tid/pid/comm, not fields";
    EXPECT_EQ(systems.size(), 2u);
    EXPECT_GT(systems["ros2"], 0u);
    EXPECT_GT(systems["dds"], 0u);
    ASSERT_FALSE(sink.kept.empty());
    EXPECT_EQ(sink.kept[0].system, "ros2");
    EXPECT_EQ(sink.kept[0].tid, 427930);
    EXPECT_EQ(sink.kept[0].comm, "source");
    EXPECT_EQ(sink.kept[0].text.at("version"), "4.1.0");
    EXPECT_EQ(sink.kept[0].text.at("context_handle"), "0x55f52969ac90");
}

TEST(CtfPublicTraces, EmptySequenceIsAnEmptySummary)
{
    const std::string dir = publicTrace("tc-ctf-sequence-empty");
    REQUIRE_PUBLIC_TRACE(dir);
    CollectingSink sink;
    CtfTraceReader reader;
    ASSERT_TRUE(reader.read(dir, sink, {}).ok());
    ASSERT_EQ(sink.kept.size(), 10u);
    for (const auto& e : sink.kept) {
        EXPECT_EQ(e.system, "my_provider");
        EXPECT_EQ(e.name, "my_sequence_tp");
        EXPECT_EQ(e.text.at("seq"), "[]");
        EXPECT_EQ(e.count.at("seq"), 0);
    }
}

TEST(CtfPublicTraces, SessionRotationChunksAndPerPidBuffersAreOneTrace)
{
    const std::string dir = publicTrace("bt-session-rotation");
    REQUIRE_PUBLIC_TRACE(dir);
    CollectingSink sink;
    std::uint64_t progressCalls = 0, lastDone = 0, lastTotal = 0;
    aioscope::trace::ReadControl control;
    control.progress = [&](std::uint64_t done, std::uint64_t total) {
        ++progressCalls;
        lastDone = done;
        lastTotal = total;
    };
    CtfTraceReader reader;
    ASSERT_TRUE(reader.read(dir, sink, control).ok());
    EXPECT_EQ(sink.events, 266u);
    EXPECT_TRUE(sink.warnings.empty());
    EXPECT_GE(progressCalls, 2u);
    EXPECT_GT(lastTotal, 0u);
    EXPECT_EQ(lastDone, lastTotal);
}

TEST(CtfPublicTraces, CancelStopsTheRead)
{
    const std::string dir = publicTrace("tc-many-threads");
    REQUIRE_PUBLIC_TRACE(dir);
    std::atomic<bool> cancel{false};
    aioscope::trace::ReadControl control;
    control.cancel = &cancel;
    CollectingSink sink;
    sink.keep = [](const RawEvent&) { return false; };
    sink.inspect = [&](const RawEvent&) {
        if (sink.events == 10000)
            cancel = true;
    };
    CtfTraceReader reader;
    const auto result = reader.read(dir, sink, control);
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().message.find("cancelled"), std::string::npos);
    EXPECT_LT(sink.events, 240644u);
}

} // namespace
