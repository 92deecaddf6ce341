#include "analysis/CsvField.h"

#include <gtest/gtest.h>

using aioscope::analysis::csvField;

TEST(CsvField, QuotesOnlyWhatRfc4180Needs) {
    EXPECT_EQ(csvField("io_uring"), "io_uring");
    EXPECT_EQ(csvField(""), "");
    EXPECT_EQ(csvField("a,b"), "\"a,b\"");
    EXPECT_EQ(csvField("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(csvField("two\nlines"), "\"two\nlines\"");
    EXPECT_EQ(csvField("cr\rhere"), "\"cr\rhere\"");
}
