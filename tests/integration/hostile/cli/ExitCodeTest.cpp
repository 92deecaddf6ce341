// One rule for exit codes (issue 18): 2 for bad usage or unreadable input,
// 1 for work that failed. `run --dir /nonexistent` gave 1 where `probe` gave 2,
// and `--dir /proc` said "the folder does not exist".
#include "CliOutcome.h"
#include "FileBytes.h"
#include "TempDir.h"

#include <gtest/gtest.h>

using namespace aioscope;
using test::contains;

namespace {

class ExitCodes : public ::testing::Test {
protected:
    test::CliOutcome run(const std::string& dir) {
        return test::runAioscope(
            {"run", "--dir", dir, "--designs", "sync", "--workload", "randread", "--size", "1M", "--requests", "16"},
            outputs.path());
    }
    test::TempDir outputs{"hostile-exit-out"};
};

TEST_F(ExitCodes, AMissingFolderIsBadUsageForRunAsForProbe) {
    for (const char* command : {"run", "probe"}) {
        const auto o = std::string(command) == "run"
                           ? run("/nonexistent/aioscope")
                           : test::runAioscope({"probe", "--dir", "/nonexistent/aioscope"}, outputs.path());
        EXPECT_EQ(o.exitCode, 2) << command << ": " << o.err;
        ASSERT_EQ(o.errLines().size(), 1u) << o.err;
        EXPECT_TRUE(contains(o.err, "/nonexistent/aioscope")) << o.err;
    }
}

TEST_F(ExitCodes, AFileAsTheFolderIsBadUsage) {
    test::TempDir dir{"hostile-exit"};
    const std::string file = dir.file("f");
    test::writeBytes(file, "x");
    const auto o = run(file);
    EXPECT_EQ(o.exitCode, 2) << o.err;
    EXPECT_TRUE(contains(o.err, "not a folder")) << o.err;
}

TEST_F(ExitCodes, AFolderOnProcSaysWhatIsWrong) {
    const auto o = run("/proc");
    EXPECT_NE(o.exitCode, 0) << o.err;
    EXPECT_FALSE(contains(o.err, "does not exist")) << o.err;
    EXPECT_TRUE(contains(o.err, "/proc")) << o.err;
    EXPECT_TRUE(contains(o.err, "does not allow new folders")) << o.err;
}

} // namespace
