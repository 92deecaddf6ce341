#pragma once
#include "model/Result.h"

#include <nlohmann/json.hpp>

#include <string_view>

namespace aioscope::lessons {

// Reads a lesson manifest with nlohmann-json, stricter than plain JSON where
// an author's slip would otherwise pass silently: a key given twice is an
// error, and nesting is bounded. Errors say "line L, column C: what", at the
// start of the offending token.
class LessonJson {
public:
    static Result<nlohmann::ordered_json> parse(std::string_view text);
};

} // namespace aioscope::lessons
