#pragma once
#include "lessons/JsonValue.h"
#include "model/Result.h"

#include <string>
#include <string_view>

namespace aioscope::lessons {

// A strict RFC 8259 parser (no comments, no trailing commas), small enough
// that core needs no JSON dependency. Errors say "line L, column C: what".
class JsonParser {
public:
    static Result<JsonValue> parse(std::string_view text);

private:
    explicit JsonParser(std::string_view text) : text_(text) {}
    Result<JsonValue> parseValue(int depth);
    Result<JsonValue> parseObject(int depth);
    Result<JsonValue> parseArray(int depth);
    Result<std::string> parseString();
    Result<JsonValue> parseNumber();
    Result<JsonValue> parseLiteral();
    void skipSpace();
    Error errorHere(const std::string& what) const;
    bool atEnd() const { return pos_ >= text_.size(); }

    std::string_view text_;
    std::size_t pos_ = 0;
};

} // namespace aioscope::lessons
