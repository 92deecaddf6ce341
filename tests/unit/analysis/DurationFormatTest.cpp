#include "analysis/DurationFormat.h"

#include <gtest/gtest.h>

using namespace aioscope;
using analysis::formatDuration;

// The one duration formatter (CLI tables, HTML report, charts, GUI): three
// significant digits in the natural unit.
TEST(DurationFormat, ThreeDigitsInTheNaturalUnit) {
    EXPECT_EQ(formatDuration(850), "850 ns");
    EXPECT_EQ(formatDuration(1'500), "1.50 \xC2\xB5s");
    EXPECT_EQ(formatDuration(150'000), "150 \xC2\xB5s");
    EXPECT_EQ(formatDuration(12'345), "12.3 \xC2\xB5s");
    EXPECT_EQ(formatDuration(4'560'000), "4.56 ms");
    EXPECT_EQ(formatDuration(20'000'000), "20.0 ms");
    EXPECT_EQ(formatDuration(1'200'000'000), "1.20 s");
    EXPECT_EQ(formatDuration(-2'000'000), "-2.00 ms");
    EXPECT_EQ(formatDuration(kNoTime), "-");
}
