#include "lessons/LessonJson.h"

#include <cstddef>
#include <iterator>
#include <set>
#include <string>
#include <vector>

namespace aioscope::lessons {

namespace {
using Json = nlohmann::ordered_json;

constexpr int kMaxDepth = 64; // a lesson manifest nests 4 deep; this bounds work on bad input

// A character iterator that records how far the parser has read, which is
// where a duplicate key ends when the parser hands it over.
class CountingIterator {
public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;

    CountingIterator(const char* base, const char* p, std::size_t* furthest)
        : base_(base), p_(p), furthest_(furthest) {}
    reference operator*() const { return *p_; }
    CountingIterator& operator++() {
        ++p_;
        if (static_cast<std::size_t>(p_ - base_) > *furthest_)
            *furthest_ = static_cast<std::size_t>(p_ - base_);
        return *this;
    }
    CountingIterator operator++(int) {
        CountingIterator old = *this;
        ++*this;
        return old;
    }
    bool operator==(const CountingIterator& o) const { return p_ == o.p_; }

private:
    const char* base_;
    const char* p_;
    std::size_t* furthest_;
};

// Thrown from the parser callback to stop at a duplicate key or a too deep nesting.
struct Stop {
    std::size_t offset;
    std::string what;
};

std::string placeOf(std::string_view text, std::size_t offset) {
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

bool isStructural(char c) {
    return c == '{' || c == '}' || c == '[' || c == ']' || c == ',' || c == ':';
}
bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// nlohmann reports the offset just past the token it could not use; the
// message points at the token's first character.
std::size_t tokenStart(std::string_view text, std::size_t end) {
    end = std::min(end, text.size());
    if (end == 0)
        return 0;
    const char last = text[end - 1];
    if (isStructural(last))
        return end - 1;
    if (last == '"') {
        for (std::size_t i = end - 1; i-- > 0;) {
            std::size_t slashes = 0;
            while (slashes < i && text[i - 1 - slashes] == '\\')
                ++slashes;
            if (text[i] == '"' && slashes % 2 == 0)
                return i;
        }
        return 0;
    }
    std::size_t i = end - 1;
    while (i > 0 && !isSpace(text[i - 1]) && !isStructural(text[i - 1]) && text[i - 1] != '"')
        --i;
    return i;
}

// nlohmann's "syntax error while parsing CONTEXT - DETAIL" in the words an
// author reads, at the place it concerns.
Error describe(std::string_view text, const nlohmann::json::parse_error& e, const std::string& lastKey) {
    const std::string message = e.what();
    const std::string marker = "syntax error while parsing ";
    const std::size_t at = message.find(marker);
    const std::size_t dash = at == std::string::npos ? std::string::npos : message.find(" - ", at);
    if (dash == std::string::npos) // not a syntax error: keep nlohmann's words after its prefix
        return makeError(placeOf(text, tokenStart(text, e.byte)) + ": " + message.substr(message.find(": ") + 2));
    const std::string context = message.substr(at + marker.size(), dash - at - marker.size());
    const std::string detail = message.substr(dash + 3);
    if (const std::size_t read = detail.find("; last read: "); read != std::string::npos) {
        // The lexer stopped at the character it could not take.
        const std::size_t offset = std::min(e.byte, text.size());
        return makeError(placeOf(text, offset ? offset - 1 : 0) + ": " + detail.substr(0, read));
    }
    std::string what;
    if (context == "object")
        what = "expected ',' or '}' in an object";
    else if (context == "object key")
        what = "expected a quoted key";
    else if (context == "object separator")
        what = "expected ':' after key \"" + lastKey + "\"";
    else if (context == "array")
        what = "expected ',' or ']' in an array";
    else if (detail.find("; expected end of input") != std::string::npos)
        what = "unexpected text after the JSON value";
    else
        what = "expected a value";
    if (detail.rfind("unexpected end of input", 0) == 0)
        return makeError(placeOf(text, text.size()) + ": unexpected end of file, " + what);
    return makeError(placeOf(text, tokenStart(text, e.byte)) + ": " + what);
}
} // namespace

Result<Json> LessonJson::parse(std::string_view text) {
    std::size_t furthest = 0;
    std::vector<std::set<std::string>> keysPerObject;
    std::string lastKey;
    auto check = [&](int depth, Json::parse_event_t event, Json& parsed) {
        using Event = Json::parse_event_t;
        if ((event == Event::object_start || event == Event::array_start) && depth >= kMaxDepth)
            throw Stop{furthest ? furthest - 1 : 0,
                       "nested too deeply (more than " + std::to_string(kMaxDepth) + " levels)"};
        if (event == Event::object_start)
            keysPerObject.emplace_back();
        else if (event == Event::object_end)
            keysPerObject.pop_back();
        else if (event == Event::key) {
            lastKey = parsed.get<std::string>();
            if (!keysPerObject.back().insert(lastKey).second)
                throw Stop{furthest, "duplicate key \"" + lastKey + "\""};
        }
        return true;
    };
    const char* begin = text.data();
    try {
        return Json::parse(CountingIterator(begin, begin, &furthest),
                           CountingIterator(begin, begin + text.size(), &furthest), check);
    } catch (const Stop& stop) {
        return makeError(placeOf(text, stop.offset) + ": " + stop.what);
    } catch (const nlohmann::json::parse_error& e) {
        return describe(text, e, lastKey);
    } catch (const nlohmann::json::exception& e) { // a number too large for a double
        const std::string message = e.what();
        return makeError(placeOf(text, tokenStart(text, furthest)) + ": " + message.substr(message.find("] ") + 2));
    }
}

} // namespace aioscope::lessons
