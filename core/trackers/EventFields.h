#pragma once
#include "trace/RawEvent.h"

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string_view>

namespace aioscope::trackers {

// Field look-up across spellings: the binary formats give the kernel's field
// names (req, res), ftrace text gives the print format's words (request,
// result). The first name present wins.
inline std::optional<std::int64_t> numberOf(const trace::RawEvent& e, std::initializer_list<std::string_view> names) {
    for (std::string_view n : names)
        if (auto v = e.number(n))
            return v;
    return std::nullopt;
}

inline std::string_view textOf(const trace::RawEvent& e, std::initializer_list<std::string_view> names) {
    for (std::string_view n : names)
        if (const trace::RawField* f = e.field(n); f && !f->text.empty())
            return f->text;
    return {};
}

// A key for pointer-like fields: the number when parsed, else a hash of the text.
inline std::optional<std::uint64_t> keyOf(const trace::RawEvent& e, std::initializer_list<std::string_view> names) {
    for (std::string_view n : names) {
        const trace::RawField* f = e.field(n);
        if (!f)
            continue;
        if (f->isNumber)
            return static_cast<std::uint64_t>(f->number);
        if (!f->text.empty()) {
            std::uint64_t h = 1469598103934665603ull; // FNV-1a
            for (char c : f->text)
                h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
            return h;
        }
    }
    return std::nullopt;
}

} // namespace aioscope::trackers
