#include "lessons/JsonParser.h"

#include <gtest/gtest.h>

using aioscope::lessons::JsonParser;
using aioscope::lessons::JsonValue;

TEST(JsonParser, ParsesNestedDocument) {
    auto v = JsonParser::parse(R"({"a": [1, 2.5, -3e2], "b": {"c": true, "d": null}, "s": "x\"y\u00e9\n"})");
    ASSERT_TRUE(v.ok()) << v.error().message;
    ASSERT_TRUE(v->isObject());
    const auto& a = v->find("a")->asArray();
    ASSERT_EQ(a.size(), 3u);
    EXPECT_DOUBLE_EQ(a[1].asNumber(), 2.5);
    EXPECT_DOUBLE_EQ(a[2].asNumber(), -300);
    EXPECT_TRUE(v->find("b")->find("c")->asBool());
    EXPECT_TRUE(v->find("b")->find("d")->isNull());
    EXPECT_EQ(v->find("s")->asString(), "x\"y\xc3\xa9\n");
    EXPECT_EQ(v->find("missing"), nullptr);
}

TEST(JsonParser, KeepsKeyOrder) {
    auto v = JsonParser::parse(R"({"z": 1, "a": 2})");
    ASSERT_TRUE(v.ok());
    EXPECT_EQ(v->asObject()[0].first, "z");
}

TEST(JsonParser, DecodesSurrogatePairs) {
    auto v = JsonParser::parse(R"("\ud83d\ude00")");
    ASSERT_TRUE(v.ok()) << v.error().message;
    EXPECT_EQ(v->asString(), "\xF0\x9F\x98\x80");
}

TEST(JsonParser, ErrorsNameLineAndColumn) {
    auto v = JsonParser::parse("{\n  \"a\": 1,\n  \"b\" 2\n}");
    ASSERT_FALSE(v.ok());
    EXPECT_EQ(v.error().message, "line 3, column 7: expected ':' after key \"b\"");
}

TEST(JsonParser, RejectsWhatJsonForbids) {
    for (const char* bad : {"{\"a\": 1,}", "[1 2]", "01", "\"unterminated", "{\"a\":1, \"a\":2}", "tru",
                            "1.", "\"tab\there\"", "[1] x", "", "\"\\x\""}) {
        EXPECT_FALSE(JsonParser::parse(bad).ok()) << bad;
    }
}

TEST(JsonParser, BoundsNesting) {
    std::string deep(1000, '[');
    auto v = JsonParser::parse(deep);
    ASSERT_FALSE(v.ok());
    EXPECT_NE(v.error().message.find("nested too deeply"), std::string::npos);
}
