#pragma once
#include <string>
#include <string_view>

namespace aioscope::analysis {

// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string htmlEscape(std::string_view text);

} // namespace aioscope::analysis
