#include "analysis/LatencyHistogram.h"

#include <gtest/gtest.h>

#include <random>

using namespace aioscope;
using namespace aioscope::analysis;

TEST(LatencyHistogram, EveryValueFallsInsideItsBucket) {
    std::mt19937_64 rng(3);
    for (int i = 0; i < 200000; ++i) {
        const TimeNs v = static_cast<TimeNs>(rng() >> (1 + rng() % 63));
        const int b = LatencyHistogram::bucketOf(v);
        ASSERT_GE(b, 0);
        ASSERT_LT(b, LatencyHistogram::kBuckets);
        ASSERT_LE(LatencyHistogram::bucketLower(b), v) << v;
        if (LatencyHistogram::bucketUpper(b) != INT64_MAX) {
            ASSERT_LT(v, LatencyHistogram::bucketUpper(b)) << v;
        }
    }
    for (TimeNs v = 0; v < 5000; ++v) {
        const int b = LatencyHistogram::bucketOf(v);
        ASSERT_LE(LatencyHistogram::bucketLower(b), v);
        ASSERT_LT(v, LatencyHistogram::bucketUpper(b));
    }
    // Buckets tile the line: each one starts where the previous ended.
    for (int b = 1; b < LatencyHistogram::bucketOf(INT64_MAX); ++b)
        ASSERT_EQ(LatencyHistogram::bucketLower(b), LatencyHistogram::bucketUpper(b - 1)) << b;
}

TEST(LatencyHistogram, DisplayBinsAndCdfKeepEveryCount) {
    LatencyHistogram h;
    std::mt19937_64 rng(11);
    std::lognormal_distribution<double> d(10.0, 1.5);
    const int n = 100000;
    for (int i = 0; i < n; ++i)
        h.add(static_cast<TimeNs>(d(rng)));
    EXPECT_EQ(h.total(), static_cast<std::uint64_t>(n));
    for (int perDecade : {5, 10, 20}) {
        std::uint64_t sum = 0;
        double previousUpper = 0;
        for (const auto& bin : h.displayBins(perDecade)) {
            sum += bin.count;
            EXPECT_GT(bin.upperNs, bin.lowerNs);
            if (previousUpper > 0) {
                EXPECT_NEAR(bin.lowerNs, previousUpper, previousUpper * 1e-9);
            }
            previousUpper = bin.upperNs;
        }
        EXPECT_EQ(sum, static_cast<std::uint64_t>(n));
    }
    const auto cdf = h.cdf();
    ASSERT_GE(cdf.size(), 2u);
    EXPECT_DOUBLE_EQ(cdf.front().fraction, 0.0);
    EXPECT_DOUBLE_EQ(cdf.back().fraction, 1.0);
    for (std::size_t i = 1; i < cdf.size(); ++i) {
        EXPECT_GE(cdf[i].fraction, cdf[i - 1].fraction);
        EXPECT_GT(cdf[i].ns, cdf[i - 1].ns);
    }
}

TEST(LatencyHistogram, EmptyHistogramHasNoBins) {
    LatencyHistogram h;
    EXPECT_TRUE(h.displayBins(10).empty());
    EXPECT_TRUE(h.cdf().empty());
    EXPECT_EQ(h.firstNonEmpty(), -1);
}
