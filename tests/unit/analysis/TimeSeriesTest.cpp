#include "SyntheticRun.h"
#include "analysis/DesignAnalysis.h"
#include "analysis/LatencyOverTime.h"
#include "analysis/ThroughputSeries.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace aioscope;
using namespace aioscope::analysis;
using aioscope::testing::SyntheticDesign;

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

// A window on one run keeps exactly the requests of that run submitted in
// [from, to); other runs, and designs with nothing in the window, stay.
TEST(DesignAnalysis, WindowKeepsOnlyRequestsSubmittedInsideIt) {
    auto r0 = aioscope::testing::makeSyntheticRun({{"a"}, {"b"}}, 5);
    auto r1 = aioscope::testing::makeSyntheticRun({{"a"}, {"b"}}, 6);
    Session session;
    session.runs.push_back(std::move(r0.run));
    session.runs.push_back(std::move(r1.run));
    const aioscope::Run& run = session.runs[0];
    // From the middle of a's requests into the start of b's.
    const TimeNs from = run.requests.submitNs()[500];
    const TimeNs to = run.requests.submitNs()[1200] + 1;
    AnalysisOptions options;
    options.window = SubmitWindow{0, from, to};
    const auto analyses = analyzeDesigns(session, {}, options);
    ASSERT_EQ(analyses.size(), 4u);
    std::uint64_t expectA = 0, expectB = 0;
    for (std::size_t i = 0; i < run.requests.size(); ++i) {
        const TimeNs s = run.requests.submitNs()[i];
        if (s < from || s >= to)
            continue;
        (run.strings.view(run.requests.design()[i]) == "a" ? expectA : expectB) += 1;
    }
    EXPECT_EQ(expectA, 500u);
    EXPECT_EQ(expectB, 201u);
    EXPECT_EQ(analyses[0].samples.requests, expectA);
    EXPECT_EQ(analyses[0].latency.count, expectA);
    EXPECT_EQ(analyses[0].samples.firstSubmitNs, from);
    EXPECT_EQ(analyses[1].samples.requests, expectB);
    EXPECT_EQ(analyses[1].latency.count, expectB);
    // Run 1 is not restricted.
    EXPECT_EQ(analyses[2].samples.requests, 1000u);
    EXPECT_EQ(analyses[3].samples.requests, 1000u);

    // A window holding none of b's requests: b is still listed, empty.
    options.window = SubmitWindow{0, from, from + 1};
    const auto narrow = analyzeDesigns(session, {{0, "a"}, {0, "b"}}, options);
    ASSERT_EQ(narrow.size(), 2u);
    EXPECT_EQ(narrow[0].latency.count, 1u);
    EXPECT_EQ(narrow[1].samples.requests, 0u);
    EXPECT_EQ(narrow[1].latency.count, 0u);
    EXPECT_TRUE(std::all_of(narrow[1].latencyOverTime.counts.begin(), narrow[1].latencyOverTime.counts.end(),
                            [](std::uint64_t c) { return c == 0; }));
}

// A point of the latency-over-time chart stands for a real request: the one
// completing in that bin with the point's latency.
TEST(DesignAnalysis, RequestInLatencyBinIsTheRequestBehindAPoint) {
    auto r = aioscope::testing::makeSyntheticRun({{"a", SyntheticDesign::Distribution::Uniform, 1000, 90000, 3000}}, 9);
    Session session;
    session.runs.push_back(std::move(r.run));
    const auto analyses = analyzeDesigns(session, {});
    ASSERT_EQ(analyses.size(), 1u);
    const DesignAnalysis& d = analyses[0];
    const LatencyOverTime& t = d.latencyOverTime;
    const aioscope::Run& run = session.runs[0];
    int checked = 0;
    for (std::size_t b = 0; b < t.counts.size(); b += 7) {
        if (t.counts[b] == 0) {
            EXPECT_EQ(d.requestInLatencyBin(b, 1000), kNoRequest);
            continue;
        }
        for (TimeNs latency : {t.p50Ns[b], t.p99Ns[b]}) {
            const RequestId id = d.requestInLatencyBin(b, latency);
            ASSERT_NE(id, kNoRequest);
            const TimeNs complete = run.requests.completeNs()[id];
            EXPECT_EQ(complete - run.requests.submitNs()[id], latency);
            EXPECT_GE(complete, t.originNs + static_cast<TimeNs>(b) * t.binNs);
            EXPECT_LT(complete, t.originNs + static_cast<TimeNs>(b + 1) * t.binNs);
            ++checked;
        }
    }
    EXPECT_GT(checked, 20);
    EXPECT_EQ(d.requestInLatencyBin(t.counts.size(), 1000), kNoRequest);
}
