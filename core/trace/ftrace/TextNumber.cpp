#include "trace/ftrace/TextNumber.h"

namespace aioscope::trace {

namespace {
int hexValue(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool parseHex(std::string_view s, std::int64_t* out) {
    if (s.empty() || s.size() > 16)
        return false;
    std::uint64_t v = 0;
    for (char c : s) {
        int h = hexValue(c);
        if (h < 0)
            return false;
        v = (v << 4) | static_cast<std::uint64_t>(h);
    }
    *out = static_cast<std::int64_t>(v);
    return true;
}
} // namespace

bool parseTextNumber(std::string_view s, bool hexDefault, std::int64_t* out) {
    if (s.empty() || s.size() > 20)
        return false;
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        return parseHex(s.substr(2), out);
    bool negative = false;
    std::string_view digits = s;
    if (digits.front() == '-') {
        negative = true;
        digits.remove_prefix(1);
        if (digits.empty())
            return false;
    }
    bool decimal = true;
    for (char c : digits)
        if (c < '0' || c > '9') {
            decimal = false;
            break;
        }
    // Zero-padded 16-digit words are hashed kernel pointers, always hex.
    const bool pointerLike = digits.size() == 16 && digits.front() == '0';
    if (decimal && !pointerLike && !(hexDefault && !negative)) {
        if (digits.size() > 18) // keeps v * 10 inside int64
            return false;
        std::int64_t v = 0;
        for (char c : digits)
            v = v * 10 + (c - '0');
        *out = negative ? -v : v;
        return true;
    }
    if (!negative && (hexDefault || digits.size() >= 8))
        return parseHex(digits, out);
    return false;
}

} // namespace aioscope::trace
