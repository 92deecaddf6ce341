// ftrace text traces a hostile user (or a damaged disk) hands to `aioscope import`.
#include "BoundedRun.h"
#include "TempDir.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <regex>

using aioscope::hostile::Outcome;
using aioscope::hostile::runAioscope;
using aioscope::hostile::writeFile;
using aioscope::test::TempDir;

namespace {

std::string eventLine(int tid, double seconds, int pid) {
    char line[200];
    std::snprintf(line, sizeof line,
                  "             fio-%d  [000] .....  %.6f: sched_wakeup: comm=fio pid=%d prio=120 target_cpu=000\n",
                  tid, seconds, pid);
    return line;
}

// "N events" from the import summary's first line; -1 when absent.
long eventsImported(const Outcome& o) {
    std::smatch m;
    static const std::regex events(", ([0-9]+) events, ");
    return std::regex_search(o.out, m, events) ? std::stol(m[1]) : -1;
}

// A short event line: its comm, name and fields together fit in a
// std::string's inline storage, the case whose held copy moved.
std::string shortLine(int tid, double seconds, int n) {
    char line[120];
    std::snprintf(line, sizeof line, "  a-%d  [000] .....  %.6f: ev: n=%d\n", tid, seconds, n % 1000);
    return line;
}

// Issue 18 case 5: the second event is older than the first, so the sorter
// holds the 3,000 after it. It crashed (SIGSEGV) on views into held events.
TEST(HostileTextTrace, SecondEventOlderThanTheFirstThen3000Events) {
    TempDir dir;
    std::string text = "# tracer: nop\n";
    text += shortLine(100, 10.0, 1);
    text += shortLine(101, 9.0, 2);
    for (int i = 0; i < 3000; ++i)
        text += i % 2 ? shortLine(200 + i % 50, 10.0 + (i + 1) * 1e-6, 3 + i)
                      : eventLine(200 + i % 50, 10.0 + (i + 1) * 1e-6, 3 + i);
    writeFile(dir / "backwards.txt", text);
    const Outcome o = runAioscope({"import", dir / "backwards.txt"});
    ASSERT_FALSE(o.timedOut) << o.describe();
    ASSERT_EQ(o.exitCode, 0) << o.describe();
    EXPECT_EQ(eventsImported(o), 3002) << o.describe();
    EXPECT_NE(o.err.find("out-of-order"), std::string::npos) << o.describe();
}

// Issue 18: one NUL byte at offset 30,000 named "not a trace (offset 0 ...)".
// The damaged line is a warning naming it; every other line imports.
TEST(HostileTextTrace, NulByteAtOffset30000NamesTheLineAndImportsTheRest) {
    TempDir dir;
    std::string text = "# tracer: nop\n";
    int lines = 1;
    while (text.size() < 60000) {
        text += eventLine(100, 10.0 + lines * 1e-6, lines);
        ++lines;
    }
    text[30000] = '\0';
    const long damagedLine = 1 + std::count(text.begin(), text.begin() + 30000, '\n');
    writeFile(dir / "nul.txt", text);
    const Outcome o = runAioscope({"import", dir / "nul.txt"});
    ASSERT_FALSE(o.timedOut) << o.describe();
    ASSERT_EQ(o.exitCode, 0) << o.describe();
    EXPECT_EQ(eventsImported(o), lines - 2) << o.describe(); // every event line but the damaged one
    const std::string place = dir / "nul.txt:" + std::to_string(damagedLine);
    EXPECT_NE(o.err.find(place), std::string::npos) << "expected " << place << "\n" << o.describe();
    EXPECT_NE(o.err.find("NUL byte at offset 30000"), std::string::npos) << o.describe();
}

TEST(HostileTextTrace, EmptyFileIsOneLineExit2) {
    TempDir dir;
    writeFile(dir / "empty.txt", "");
    const Outcome o = runAioscope({"import", dir / "empty.txt"});
    ASSERT_EQ(o.exitCode, 2) << o.describe();
    ASSERT_EQ(o.errLines().size(), 1u) << o.describe();
    EXPECT_NE(o.err.find(dir / "empty.txt: empty file"), std::string::npos) << o.describe();
}

TEST(HostileTextTrace, BinaryGarbageIsOneLineExit2) {
    TempDir dir;
    std::string bytes(1 << 20, '\0');
    std::uint32_t x = 12345;
    for (auto& c : bytes) {
        x = x * 1664525u + 1013904223u;
        c = static_cast<char>(x >> 24);
    }
    writeFile(dir / "garbage.bin", bytes);
    const Outcome o = runAioscope({"import", dir / "garbage.bin"});
    ASSERT_EQ(o.exitCode, 2) << o.describe();
    ASSERT_EQ(o.errLines().size(), 1u) << o.describe();
    EXPECT_NE(o.err.find(dir / "garbage.bin: not a trace"), std::string::npos) << o.describe();
}

TEST(HostileTextTrace, HeaderOnlyTraceIsExit2LikeAnyTraceWithoutEvents) {
    TempDir dir;
    writeFile(dir / "header.txt", "# tracer: nop\n#\n# entries-in-buffer/entries-written: 0/0   #P:2\n");
    const Outcome o = runAioscope({"import", dir / "header.txt"});
    ASSERT_EQ(o.exitCode, 2) << o.describe();
    EXPECT_NE(o.err.find("no ftrace event could be read"), std::string::npos) << o.describe();
}

// A 32 MiB line in the middle (no newline for 32 MiB): one malformed-line
// warning naming it, the events around it import, in bounded time.
TEST(HostileTextTrace, HugeLineIsOneWarningAndTheRestImports) {
    TempDir dir;
    std::string text = "# tracer: nop\n" + eventLine(100, 1.0, 1);
    text += std::string(32u << 20, 'x') + "\n";
    text += eventLine(100, 2.0, 2);
    writeFile(dir / "huge.txt", text);
    const Outcome o = runAioscope({"import", dir / "huge.txt"});
    ASSERT_FALSE(o.timedOut) << o.describe();
    ASSERT_EQ(o.exitCode, 0) << o.describe();
    EXPECT_EQ(eventsImported(o), 2) << o.describe();
    EXPECT_NE(o.err.find(dir / "huge.txt:3"), std::string::npos) << o.describe();
}

// Timestamps going back and forth all through the file (not only once).
TEST(HostileTextTrace, TimestampsZigZagAllThroughTheFile) {
    TempDir dir;
    std::string text = "# tracer: nop\n";
    for (int i = 0; i < 20000; ++i)
        text += eventLine(100 + i % 7, 5.0 + ((i * 7919) % 20000) * 1e-6, i);
    writeFile(dir / "zigzag.txt", text);
    const Outcome o = runAioscope({"import", dir / "zigzag.txt"});
    ASSERT_FALSE(o.timedOut) << o.describe();
    ASSERT_EQ(o.exitCode, 0) << o.describe();
    EXPECT_EQ(eventsImported(o), 20000) << o.describe();
}

} // namespace
