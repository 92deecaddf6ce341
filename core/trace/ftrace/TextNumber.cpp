#include "trace/ftrace/TextNumber.h"

#include <charconv>

namespace aioscope::trace {

namespace {
bool parseHex(std::string_view s, std::int64_t* out) {
    if (s.empty() || s.size() > 16)
        return false;
    std::uint64_t v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v, 16);
    if (ec != std::errc() || end != s.data() + s.size())
        return false;
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
        std::int64_t v = 0;
        const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
        if (ec != std::errc() || end != digits.data() + digits.size())
            return false;
        *out = negative ? -v : v;
        return true;
    }
    if (!negative && (hexDefault || digits.size() >= 8))
        return parseHex(digits, out);
    return false;
}

} // namespace aioscope::trace
