#pragma once
#include <string>
#include <string_view>

namespace aioscope::analysis {

// RFC 4648 base64 (with padding), for images embedded as data: URLs.
std::string base64Encode(std::string_view bytes);

} // namespace aioscope::analysis
