#pragma once
#include <string>
#include <string_view>

namespace aioscope {

// A JSON string literal (quotes included) for text from traces, sessions and
// file names, which may hold quotes, backslashes and control characters.
// Shared by the hand-written JSON writers that stream large documents.
std::string jsonQuote(std::string_view text);

} // namespace aioscope
