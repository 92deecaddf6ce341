#include "model/JsonString.h"

#include <gtest/gtest.h>

using namespace aioscope;

TEST(JsonString, EscapesQuotesBackslashesAndControlCharacters) {
    EXPECT_EQ(jsonQuote("iou-wrk-10475"), "\"iou-wrk-10475\"");
    EXPECT_EQ(jsonQuote("a \"b\" \\c"), "\"a \\\"b\\\" \\\\c\"");
    EXPECT_EQ(jsonQuote("line\nnext\ttab\r"), "\"line\\nnext\\ttab\\r\"");
    EXPECT_EQ(jsonQuote(std::string_view("\x01\x1f", 2)), "\"\\u0001\\u001f\"");
    EXPECT_EQ(jsonQuote("caf\xc3\xa9"), "\"caf\xc3\xa9\""); // UTF-8 passes through
    EXPECT_EQ(jsonQuote(""), "\"\"");
}
