#include "SyntheticRun.h"
#include "analysis/DesignAnalysis.h"
#include "analysis/LatencyStats.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

using namespace aioscope;
using namespace aioscope::analysis;
using aioscope::testing::SyntheticDesign;

namespace {

// Independent nearest-rank: p given in tenths of a percent, integer maths only.
TimeNs referencePercentile(std::vector<TimeNs> v, std::uint64_t tenthsOfPercent) {
    std::sort(v.begin(), v.end());
    const std::uint64_t n = v.size();
    std::uint64_t rank = (tenthsOfPercent * n + 999) / 1000; // ceil(p/100 * n)
    if (rank < 1)
        rank = 1;
    return v[rank - 1];
}

void expectMatchesReference(const std::vector<TimeNs>& samples) {
    std::vector<TimeNs> work = samples;
    const LatencyStats s = LatencyStats::compute(work);
    ASSERT_EQ(s.count, samples.size());
    EXPECT_EQ(s.at(50.0), referencePercentile(samples, 500));
    EXPECT_EQ(s.at(90.0), referencePercentile(samples, 900));
    EXPECT_EQ(s.at(99.0), referencePercentile(samples, 990));
    EXPECT_EQ(s.at(99.9), referencePercentile(samples, 999));
    EXPECT_EQ(s.maxNs, *std::max_element(samples.begin(), samples.end()));
    EXPECT_EQ(s.minNs, *std::min_element(samples.begin(), samples.end()));
    const double mean = std::accumulate(samples.begin(), samples.end(), 0.0) / static_cast<double>(samples.size());
    EXPECT_NEAR(s.meanNs, mean, 1e-6 * mean);
    EXPECT_EQ(s.histogram.total(), samples.size());
}

} // namespace

TEST(LatencyStats, UniformMatchesSortBasedNearestRank) {
    auto r = aioscope::testing::makeSyntheticRun({{"uni", SyntheticDesign::Distribution::Uniform, 1000, 100000, 100000}}, 42);
    expectMatchesReference(r.latencies[0]);
    // And the distribution is what it claims: the median of U[1000,100000) is ~50500.
    std::vector<TimeNs> work = r.latencies[0];
    EXPECT_NEAR(static_cast<double>(LatencyStats::compute(work).at(50.0)), 50500.0, 50500.0 * 0.02);
}

TEST(LatencyStats, ExponentialMatchesSortBasedNearestRank) {
    auto r = aioscope::testing::makeSyntheticRun(
        {{"exp", SyntheticDesign::Distribution::Exponential, 20000, 0, 100000}}, 7);
    expectMatchesReference(r.latencies[0]);
    std::vector<TimeNs> work = r.latencies[0];
    const LatencyStats s = LatencyStats::compute(work);
    // Exponential quantiles: -mean * ln(1 - q).
    EXPECT_NEAR(static_cast<double>(s.at(50.0)), 20000.0 * std::log(2.0), 20000.0 * 0.03);
    EXPECT_NEAR(static_cast<double>(s.at(99.0)), 20000.0 * std::log(100.0), 20000.0 * std::log(100.0) * 0.05);
}

TEST(LatencyStats, ExactRanksOnOneToThousand) {
    std::vector<TimeNs> v(1000);
    std::iota(v.begin(), v.end(), 1);
    std::reverse(v.begin(), v.end());
    const LatencyStats s = LatencyStats::compute(v);
    EXPECT_EQ(s.at(50.0), 500);
    EXPECT_EQ(s.at(90.0), 900);
    EXPECT_EQ(s.at(99.0), 990);
    EXPECT_EQ(s.at(99.9), 999);
    EXPECT_EQ(s.maxNs, 1000);
}

TEST(LatencyStats, SmallAndEmptyInputs) {
    std::vector<TimeNs> none;
    const LatencyStats e = LatencyStats::compute(none);
    EXPECT_EQ(e.count, 0u);
    EXPECT_EQ(e.at(50.0), kNoTime);
    std::vector<TimeNs> one = {1234};
    const LatencyStats o = LatencyStats::compute(one);
    EXPECT_EQ(o.at(50.0), 1234);
    EXPECT_EQ(o.at(99.9), 1234);
    for (std::size_t n : {2u, 3u, 7u, 10u, 11u, 999u, 1001u}) {
        std::vector<TimeNs> v(n);
        std::mt19937 rng(static_cast<unsigned>(n));
        for (auto& x : v)
            x = static_cast<TimeNs>(rng() % 5000);
        expectMatchesReference(v);
    }
}

TEST(LatencyStats, DesignAnalysisPercentilesMatchIndependentComputation) {
    auto r = aioscope::testing::makeSyntheticRun(
        {{"pool", SyntheticDesign::Distribution::Exponential, 50000, 0, 20000, 4096, true},
         {"sync", SyntheticDesign::Distribution::Uniform, 2000, 9000, 30000}},
        1234);
    Session session;
    session.runs.push_back(std::move(r.run));
    const auto analyses = analyzeDesigns(session, {});
    ASSERT_EQ(analyses.size(), 2u);
    EXPECT_EQ(analyses[0].key.design, "pool");
    EXPECT_EQ(analyses[1].key.design, "sync");
    for (std::size_t d = 0; d < 2; ++d) {
        const auto& lat = r.latencies[d];
        EXPECT_EQ(analyses[d].latency.count, lat.size());
        EXPECT_EQ(analyses[d].latency.at(50.0), referencePercentile(lat, 500));
        EXPECT_EQ(analyses[d].latency.at(90.0), referencePercentile(lat, 900));
        EXPECT_EQ(analyses[d].latency.at(99.0), referencePercentile(lat, 990));
        EXPECT_EQ(analyses[d].latency.at(99.9), referencePercentile(lat, 999));
        EXPECT_EQ(analyses[d].latency.maxNs, *std::max_element(lat.begin(), lat.end()));
        EXPECT_EQ(analyses[d].submitLatency.count, lat.size());
        EXPECT_EQ(analyses[d].submitLatency.minNs, 100); // submitEnd - submit
        EXPECT_EQ(analyses[d].submitLatency.maxNs, 100);
        EXPECT_EQ(analyses[d].execution.count, lat.size());
    }
    EXPECT_EQ(analyses[0].samples.handOffs, 20000u);
    EXPECT_EQ(analyses[1].samples.handOffs, 0u);
}
