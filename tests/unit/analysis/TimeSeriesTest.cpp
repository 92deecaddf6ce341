#include "SyntheticRun.h"
#include "analysis/DesignAnalysis.h"
#include "analysis/LatencyOverTime.h"
#include "analysis/ThroughputSeries.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace aioscope;
using namespace aioscope::analysis;

TEST(ThroughputSeries, ConstantRateGivesFlatIops) {
    // One completion every 10 µs for 1 s: 100000 IOPS, 4096 bytes each.
    std::vector<TimeNs> done;
    std::vector<std::uint64_t> bytes;
    for (TimeNs t = 0; t < 1'000'000'000; t += 10'000) {
        done.push_back(t);
        bytes.push_back(4096);
    }
    const auto s = ThroughputSeries::compute(done, bytes, 0, 1'000'000'000, 100);
    ASSERT_EQ(s.completions.size(), 100u);
    EXPECT_EQ(s.totalCompletions(), done.size());
    for (std::size_t i = 0; i < 100; ++i) {
        EXPECT_EQ(s.completions[i], 1000u);
        EXPECT_DOUBLE_EQ(s.iops(i), 100000.0);
        EXPECT_NEAR(s.megabytesPerSecond(i), 409.6, 1e-9);
    }
    EXPECT_DOUBLE_EQ(s.binStartSeconds(50), 0.5);
}

TEST(LatencyOverTime, PerBinPercentilesAreExact) {
    // Bin 0 holds latencies 1..100, bin 1 holds 1000..1999.
    std::vector<TimeNs> done, lat;
    for (int i = 1; i <= 100; ++i) {
        done.push_back(10);
        lat.push_back(101 - i);
    }
    for (int i = 0; i < 1000; ++i) {
        done.push_back(150);
        lat.push_back(1999 - i);
    }
    const auto s = LatencyOverTime::compute(done, lat, 0, 200, 2);
    ASSERT_EQ(s.counts.size(), 2u);
    EXPECT_EQ(s.counts[0], 100u);
    EXPECT_EQ(s.p50Ns[0], 50);
    EXPECT_EQ(s.p99Ns[0], 99);
    EXPECT_EQ(s.maxNs[0], 100);
    EXPECT_EQ(s.counts[1], 1000u);
    EXPECT_EQ(s.p50Ns[1], 1499);
    EXPECT_EQ(s.p99Ns[1], 1989);
    EXPECT_EQ(s.maxNs[1], 1999);
}

TEST(DesignAnalysis, TimeSeriesCoverEveryCompletedRequest) {
    auto r = aioscope::testing::makeSyntheticRun({{"a"}, {"b"}}, 5);
    Session session;
    session.runs.push_back(std::move(r.run));
    AnalysisOptions options;
    options.timeBins = 50;
    const auto analyses = analyzeDesigns(session, {{0, "b"}}, options);
    ASSERT_EQ(analyses.size(), 1u);
    EXPECT_EQ(analyses[0].key.design, "b");
    EXPECT_EQ(analyses[0].throughput.completions.size(), 50u);
    EXPECT_EQ(analyses[0].throughput.totalCompletions(), 1000u);
    std::uint64_t sum = 0;
    for (auto c : analyses[0].latencyOverTime.counts)
        sum += c;
    EXPECT_EQ(sum, 1000u);
    // Requests every 10 µs, ~1000 of them: the design spans ~10 ms, ~100k IOPS.
    EXPECT_NEAR(analyses[0].iops(), 1000.0 / (analyses[0].samples.spanNs() / 1e9), 1e-6);
    EXPECT_GT(analyses[0].iops(), 90000.0);
    EXPECT_LT(analyses[0].iops(), 101000.0);
}
