// Truncated and damaged trace.dat files: the message names the place of the
// damage (the part of the file that is cut short), never just the file size.
#include "BoundedRun.h"
#include "TempDir.h"

#include <gtest/gtest.h>

#include <regex>

using aioscope::hostile::Outcome;
using aioscope::hostile::readFile;
using aioscope::hostile::runAioscope;
using aioscope::hostile::writeFile;
using aioscope::test::TempDir;

namespace {

const std::string kSample = std::string(AIOSCOPE_SOURCE_DIR) + "/traces/sync-psync.dat";

Outcome importCut(const TempDir& dir, std::size_t cut) {
    const std::string bytes = readFile(kSample);
    EXPECT_GT(bytes.size(), cut);
    const std::string path = dir / ("cut-" + std::to_string(cut) + ".dat");
    writeFile(path, bytes.substr(0, cut));
    return runAioscope({"import", path}, std::chrono::seconds(40));
}

// The sections of traces/sync-psync.dat (trace.dat version 7) start at 37
// (header info), 314 (ftrace formats), 2063 (event formats), 124459
// (kallsyms), 1139209 (options): a cut inside one names that section.
struct Cut {
    std::size_t at;
    const char* names;
};

class TruncatedTraceDat : public ::testing::TestWithParam<Cut> {};

TEST_P(TruncatedTraceDat, NamesTheSectionThatIsCutShort) {
    TempDir dir;
    const Cut cut = GetParam();
    const Outcome o = importCut(dir, cut.at);
    ASSERT_FALSE(o.timedOut) << o.describe();
    ASSERT_EQ(o.exitCode, 2) << o.describe();
    ASSERT_EQ(o.errLines().size(), 1u) << o.describe();
    EXPECT_NE(o.err.find(dir / ("cut-" + std::to_string(cut.at) + ".dat: damaged or truncated trace.dat")),
              std::string::npos)
        << o.describe();
    EXPECT_NE(o.err.find(cut.names), std::string::npos) << "expected: " << cut.names << "\n" << o.describe();
    EXPECT_NE(o.err.find("the file ends at offset " + std::to_string(cut.at)), std::string::npos) << o.describe();
}

INSTANTIATE_TEST_SUITE_P(Sections, TruncatedTraceDat,
                         ::testing::Values(Cut{20, "the compression name at offset 18"},
                                           Cut{100, "the header info section at offset 37"},
                                           Cut{1000, "the ftrace event formats section at offset 314"},
                                           Cut{50000, "the event formats section at offset 2063"},
                                           Cut{600000, "the kallsyms section at offset 124459"}),
                         [](const auto& info) { return "At" + std::to_string(info.param.at); });

// Cut at 48 places through the file: never a crash or a hang; an error is
// one line naming the file, a trace that still opens says what is missing.
TEST(HostileTraceDat, TruncatedAtManyOffsets) {
    TempDir dir;
    const std::size_t size = readFile(kSample).size();
    for (std::size_t i = 1; i < 49; ++i) {
        const std::size_t cut = size * i / 49;
        const Outcome o = importCut(dir, cut);
        ASSERT_FALSE(o.timedOut) << "cut at " << cut << ": " << o.describe();
        ASSERT_TRUE(o.exitCode == 0 || o.exitCode == 2) << "cut at " << cut << ": " << o.describe();
        if (o.exitCode == 2) {
            ASSERT_EQ(o.errLines().size(), 1u) << "cut at " << cut << ": " << o.describe();
            EXPECT_NE(o.err.find("cut-" + std::to_string(cut) + ".dat"), std::string::npos) << o.describe();
        } else {
            EXPECT_NE(o.err.find("truncated"), std::string::npos) << "cut at " << cut << ": " << o.describe();
        }
    }
}

// Only the magic: not even the version.
TEST(HostileTraceDat, MagicAlone) {
    TempDir dir;
    writeFile(dir / "magic.dat", std::string("\x17\x08\x44tracing", 10));
    const Outcome o = runAioscope({"import", dir / "magic.dat"}, std::chrono::seconds(30));
    ASSERT_FALSE(o.timedOut) << o.describe();
    ASSERT_EQ(o.exitCode, 2) << o.describe();
    ASSERT_EQ(o.errLines().size(), 1u) << o.describe();
    EXPECT_NE(o.err.find(dir / "magic.dat"), std::string::npos) << o.describe();
}

// Garbage after a valid magic and version.
TEST(HostileTraceDat, GarbageAfterTheHeader) {
    TempDir dir;
    std::string bytes = readFile(kSample).substr(0, 37);
    std::uint32_t x = 7;
    for (int i = 0; i < 100000; ++i) {
        x = x * 1664525u + 1013904223u;
        bytes.push_back(static_cast<char>(x >> 24));
    }
    writeFile(dir / "garbage.dat", bytes);
    const Outcome o = runAioscope({"import", dir / "garbage.dat"}, std::chrono::seconds(30));
    ASSERT_FALSE(o.timedOut) << o.describe();
    ASSERT_EQ(o.exitCode, 2) << o.describe();
    ASSERT_EQ(o.errLines().size(), 1u) << o.describe();
    EXPECT_NE(o.err.find(dir / "garbage.dat"), std::string::npos) << o.describe();
}

// Every place a warning names as "offset N" lies inside the file.
TEST(HostileTraceDat, OffsetsInMessagesLieInsideTheFile) {
    TempDir dir;
    const std::string bytes = readFile(kSample);
    for (std::size_t i = 1; i < 25; ++i) {
        std::string damaged = bytes;
        // Flip bytes in the second half (the trace data and options).
        const std::size_t from = bytes.size() / 2 + (bytes.size() / 2 - 2000) * i / 25;
        for (std::size_t k = 0; k < 64; ++k)
            damaged[from + k * 13] ^= 0x5a;
        const std::string path = dir / ("flip-" + std::to_string(i) + ".dat");
        writeFile(path, damaged);
        const Outcome o = runAioscope({"import", path}, std::chrono::seconds(40));
        ASSERT_FALSE(o.timedOut) << o.describe();
        ASSERT_TRUE(o.exitCode == 0 || o.exitCode == 2) << o.describe();
        static const std::regex offset("offset ([0-9]+)");
        for (auto it = std::sregex_iterator(o.err.begin(), o.err.end(), offset); it != std::sregex_iterator(); ++it)
            EXPECT_LE(std::stoull((*it)[1]), bytes.size()) << "a place past the end of the file:\n" << o.describe();
    }
}

} // namespace
