// The committed sample traces (traces/): the plain `trace` text and the
// trace.dat extracted from the same buffer must give the same events.
#include "CountingSink.h"
#include "TestPaths.h"
#include "trace/EventSorter.h"
#include "trace/ReaderRegistry.h"
#include "trace/ftrace/FtraceTextReader.h"
#include "trace/ftrace/TraceDatReader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace aioscope;

namespace {

std::uint64_t eventLinesOf(const std::string& path) {
    std::ifstream in(path);
    std::string line;
    std::uint64_t n = 0;
    while (std::getline(in, line))
        if (!line.empty() && line[0] != '#')
            ++n;
    return n;
}

class SampleTrace : public ::testing::TestWithParam<const char*> {};

TEST_P(SampleTrace, TextAndTraceDatAgree) {
    const std::string base = sourcePath(std::string("traces/") + GetParam());
    trace::FtraceTextReader text;
    trace::TraceDatReader dat;
    ASSERT_TRUE(text.canRead(base + ".txt"));
    ASSERT_FALSE(dat.canRead(base + ".txt"));
    ASSERT_TRUE(dat.canRead(base + ".dat"));
    ASSERT_FALSE(text.canRead(base + ".dat"));
    CountingSink fromText, fromDat;
    ASSERT_TRUE(text.read(base + ".txt", fromText, {}));
    ASSERT_TRUE(dat.read(base + ".dat", fromDat, {}));
    EXPECT_EQ(fromText.events, eventLinesOf(base + ".txt"));
    EXPECT_EQ(fromText.events, fromDat.events);
    EXPECT_EQ(fromText.perName, fromDat.perName);
    EXPECT_TRUE(std::is_sorted(fromDat.times.begin(), fromDat.times.end()));
    EXPECT_TRUE(fromText.warnings.empty());
}

INSTANTIATE_TEST_SUITE_P(Traces, SampleTrace,
                         ::testing::Values("io_uring-buffered-write", "io_uring-cached-read", "io_uring-force-async", "io_uring-sqpoll",
                                           "io_uring-sigxfsz", "libaio-direct", "libaio-buffered", "aio-fsync",
                                           "sync-psync"),
                         [](const auto& info) {
                             std::string n = info.param;
                             std::replace(n.begin(), n.end(), '-', '_');
                             return n;
                         });

TEST(TraceDatReader, VersionSixConvertedByTraceCmdReadsTheSame) {
    if (std::system("command -v trace-cmd > /dev/null 2>&1") != 0)
        GTEST_SKIP() << "trace-cmd is not installed (scripts/install-deps.sh installs it)";
    const std::string v7 = sourcePath("traces/sync-psync.dat");
    const auto dir = std::filesystem::temp_directory_path() / ("aioscope-v6-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string v6 = (dir / "v6.dat").string();
    const std::string cmd = "trace-cmd convert -i '" + v7 + "' -o '" + v6 + "' --file-version 6 --compression none > /dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    trace::TraceDatReader dat;
    CountingSink a, b;
    ASSERT_TRUE(dat.read(v7, a, {}));
    ASSERT_TRUE(dat.read(v6, b, {}));
    std::filesystem::remove_all(dir);
    EXPECT_EQ(a.events, b.events);
    EXPECT_EQ(a.perName, b.perName);
}

TEST(ReaderRegistry, DetectsFromContentNotName) {
    const auto dir = std::filesystem::temp_directory_path() / ("aioscope-detect-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto datAsTxt = dir / "really-binary.txt";
    const auto txtAsDat = dir / "really-text.dat";
    std::filesystem::copy_file(sourcePath("traces/sync-psync.dat"), datAsTxt);
    std::filesystem::copy_file(sourcePath("traces/sync-psync.txt"), txtAsDat);
    auto a = trace::ReaderRegistry::detect(datAsTxt.string());
    auto b = trace::ReaderRegistry::detect(txtAsDat.string());
    std::filesystem::remove_all(dir);
    ASSERT_TRUE(a);
    ASSERT_TRUE(b);
    EXPECT_EQ((*a)->format(), "trace.dat");
    EXPECT_EQ((*b)->format(), "ftrace-text");
}

TEST(EventSorter, PutsAnUnsortedStretchInOrder) {
    CountingSink out;
    trace::EventSorter sorter(out, 8);
    const TimeNs times[] = {10, 20, 15, 12, 30, 25, 40};
    for (TimeNs t : times) {
        trace::RawEvent e;
        e.ts = t;
        e.name = "x";
        sorter.onEvent(e);
    }
    sorter.finish();
    // 10 and 20 went through before the first step back, so 15 and 12 can only
    // come late (counted); from then on the window orders 30, 25, 40.
    EXPECT_EQ(out.times, (std::vector<TimeNs>{10, 20, 15, 12, 25, 30, 40}));
    EXPECT_TRUE(out.hasWarning(aioscope::ImportProblem::OutOfOrder));
}

// Issue 18: once one event went back in time, every later event is held; the
// held events' names, comms and fields must survive the window growing to
// thousands of slots. Short ones matter: a held event's copy of them (under
// 16 bytes) lived inside its std::string and moved when the slots grew;
// with the old vector of slots this test read freed memory (SIGSEGV).
TEST(EventSorter, HeldEventsKeepTheirTextWhileTheWindowGrows) {
    struct TextSink : trace::RawEventSink {
        std::vector<std::string> seen;
        void onEvent(const trace::RawEvent& e) override {
            std::string line = std::string(e.comm) + "/" + std::string(e.system) + "/" + std::string(e.name);
            for (const auto& f : e.fields)
                line += " " + std::string(f.name) + "=" + std::string(f.text);
            seen.push_back(line);
        }
        void onWarning(const ImportWarning&) override {}
    } out;
    trace::EventSorter sorter(out, 4096);
    auto send = [&](TimeNs ts, int i) {
        const std::string comm = "c" + std::to_string(i % 97), value = std::to_string(i);
        const trace::RawField fields[] = {{"pid", value, i, true}};
        trace::RawEvent e;
        e.ts = ts;
        e.comm = comm;
        e.name = "wake";
        if (i % 2) // every other event without fields: a few bytes in all
            e.fields = fields;
        sorter.onEvent(e);
    };
    send(1000, 0);
    send(500, 1); // older than the first: from here on the sorter holds events
    for (int i = 2; i < 3002; ++i)
        send(1000 + i, i);
    sorter.finish();
    ASSERT_EQ(out.seen.size(), 3002u);
    for (int i = 0; i < 3002; ++i)
        ASSERT_EQ(out.seen[static_cast<std::size_t>(i)],
                  "c" + std::to_string(i % 97) + "//wake" + (i % 2 ? " pid=" + std::to_string(i) : std::string()))
            << "event " << i;
}

} // namespace
