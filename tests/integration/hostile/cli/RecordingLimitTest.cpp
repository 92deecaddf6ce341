// `run` records in memory (issue 18, item 8): --requests 4000000000 grew to
// 24 GB in 3 s and --duration 99999999999 grew 110 MB/s, until the OOM killer.
// Now a --requests that cannot fit is refused up front naming the limit, and
// a --duration run stops recording at it (--memory-limit lowers it for tests).
#include "CliOutcome.h"
#include "TempDir.h"
#include "store/SessionStore.h"

#include <gtest/gtest.h>

using namespace aioscope;
using test::contains;

namespace {

class RecordingLimit : public ::testing::Test {
protected:
    test::TempDir dir{"hostile-record"};
    test::TempDir outputs{"hostile-record-out"};
};

TEST_F(RecordingLimit, RequestsThatCannotFitAreRefusedUpFrontNamingTheLimit) {
    const auto o = test::runAioscope({"run", "--dir", dir.path(), "--designs", "sync", "--workload", "randread",
                                      "--size", "1M", "--requests", "4000000000"},
                                     outputs.path());
    EXPECT_EQ(o.exitCode, 2) << o.err;
    ASSERT_EQ(o.errLines().size(), 1u) << o.err;
    EXPECT_TRUE(contains(o.err, "memory")) << o.err;
    EXPECT_TRUE(contains(o.err, "the limit is")) << o.err;
    EXPECT_TRUE(contains(o.err, "--no-record")) << o.err;
    EXPECT_TRUE(test::listing(dir.path()).empty()) << "the run started anyway";

    const auto lowered =
        test::runAioscope({"run", "--dir", dir.path(), "--designs", "sync,libaio", "--workload", "randread", "--size",
                           "1M", "--requests", "200000", "--memory-limit", "64M"},
                          outputs.path());
    EXPECT_EQ(lowered.exitCode, 2) << lowered.err;
    EXPECT_TRUE(contains(lowered.err, "64 MiB")) << lowered.err;
}

TEST_F(RecordingLimit, AnEndlessDurationStopsRecordingAtTheLimitAndKeepsWhatItRecorded) {
    const std::string session = dir.file("s.aioscope");
    const auto o =
        test::runAioscope({"run", "--dir", dir.path(), "--designs", "sync", "--workload", "randread", "--size", "1M",
                           "--duration", "99999999999", "--memory-limit", "32M", "--session", session},
                          outputs.path());
    EXPECT_EQ(o.exitCode, 1) << o.err;
    EXPECT_TRUE(contains(o.err, "memory limit of 32 MiB")) << o.err;
    EXPECT_LT(o.maxResidentKiB, 256L * 1024) << "grew to " << o.maxResidentKiB / 1024 << " MiB";
    auto loaded = store::SessionStore::load(session);
    ASSERT_TRUE(loaded) << loaded.error().message;
    ASSERT_EQ(loaded->runs.size(), 1u);
    EXPECT_GT(loaded->runs[0].requests.size(), 0u) << "nothing of what ran was kept";
}

TEST_F(RecordingLimit, SizesThatOverflowAreRefused) {
    for (const char* size : {"99999999999999999G", "18446744073709551615k"}) {
        const auto o = test::runAioscope(
            {"run", "--dir", dir.path(), "--designs", "sync", "--workload", "randread", "--size", size},
            outputs.path());
        EXPECT_EQ(o.exitCode, 2) << size << ": " << o.err;
        EXPECT_TRUE(contains(o.err, "too large") || contains(o.err, "whole number")) << o.err;
    }
}

} // namespace
