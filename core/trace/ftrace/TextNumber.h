#pragma once
#include <cstdint>
#include <string_view>

namespace aioscope::trace {

// Parses the numbers ftrace text prints: decimal (signed), 0x-hex, and bare
// hex pointers (8+ hex digits, or any hex when hexDefault). Hex values that
// fill 64 bits are taken as two's complement (-EAGAIN prints 0xfff...f5).
bool parseTextNumber(std::string_view text, bool hexDefault, std::int64_t* out);

} // namespace aioscope::trace
