#include "lessons/LessonJson.h"

#include <gtest/gtest.h>

using aioscope::lessons::LessonJson;

TEST(LessonJson, ParsesNestedDocumentInKeyOrder) {
    auto v =
        LessonJson::parse(R"({"z": [1, 2.5, -3e2], "b": {"c": true, "d": null}, "s": "x\"y\u00e9\n\ud83d\ude00"})");
    ASSERT_TRUE(v.ok()) << v.error().message;
    EXPECT_EQ(v->begin().key(), "z");
    EXPECT_DOUBLE_EQ((*v)["z"][2].get<double>(), -300);
    EXPECT_TRUE((*v)["b"]["d"].is_null());
    EXPECT_EQ((*v)["s"].get<std::string>(), "x\"y\xc3\xa9\n\xF0\x9F\x98\x80");
}

TEST(LessonJson, AcceptsAByteOrderMark) {
    EXPECT_TRUE(LessonJson::parse("\xEF\xBB\xBF{\"a\": 1}").ok());
}

// The place is the start of the token the parser could not use.
TEST(LessonJson, ErrorsNameLineAndColumn) {
    auto expectError = [](const char* text, const std::string& message) {
        auto v = LessonJson::parse(text);
        ASSERT_FALSE(v.ok()) << text;
        EXPECT_EQ(v.error().message, message) << text;
    };
    expectError("{\n  \"a\": 1,\n  \"b\" 2\n}", "line 3, column 7: expected ':' after key \"b\"");
    expectError("{\"id\": \"x\",\n \"title\": \"T\"\n \"steps\": []}",
                "line 3, column 2: expected ',' or '}' in an object");
    expectError("{\"a\": 1,}", "line 1, column 9: expected a quoted key");
    expectError("[1 2]", "line 1, column 4: expected ',' or ']' in an array");
    expectError("[1] x", "line 1, column 5: invalid literal");
    expectError("{\"a\": 1}\n{", "line 2, column 1: unexpected text after the JSON value");
    expectError("{\"a\":\n", "line 2, column 1: unexpected end of file, expected a value");
    expectError("\"tab\there\"", "line 1, column 5: invalid string: control character U+0009 (HT) must be escaped to "
                                 "\\u0009 or \\t");
    expectError("{\"a\": 1,\n \"a\": 2}", "line 2, column 5: duplicate key \"a\"");
}

TEST(LessonJson, RejectsWhatJsonForbids) {
    for (const char* bad : {"{\"a\": 1,}", "[1 2]", "01", "\"unterminated", "{\"a\":1, \"a\":2}", "tru", "1.",
                            "\"tab\there\"", "[1] x", "", "\"\\x\"", "// comment\n{}", "1e999"}) {
        EXPECT_FALSE(LessonJson::parse(bad).ok()) << bad;
    }
}

TEST(LessonJson, BoundsNesting) {
    auto v = LessonJson::parse(std::string(1000, '['));
    ASSERT_FALSE(v.ok());
    EXPECT_NE(v.error().message.find("nested too deeply"), std::string::npos) << v.error().message;
    EXPECT_TRUE(LessonJson::parse(std::string(10, '[') + std::string(10, ']')).ok());
}

TEST(LessonJson, DuplicateKeysInSeparateObjectsAreFine) {
    EXPECT_TRUE(LessonJson::parse(R"({"a": {"x": 1}, "b": {"x": 2}})").ok());
}
