#include "lessons/JsonParser.h"

#include <cerrno>
#include <cstdlib>
#include <string>

namespace aioscope::lessons {

namespace {
constexpr int kMaxDepth = 64; // a lesson manifest nests 4 deep; this bounds recursion on bad input

void appendUtf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

int hexDigit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}
} // namespace

Result<JsonValue> JsonParser::parse(std::string_view text) {
    JsonParser p(text);
    // A UTF-8 byte order mark is harmless; editors add it.
    if (text.substr(0, 3) == "\xEF\xBB\xBF")
        p.pos_ = 3;
    auto v = p.parseValue(0);
    if (!v)
        return v;
    p.skipSpace();
    if (!p.atEnd())
        return p.errorHere("unexpected text after the JSON value");
    return v;
}

Error JsonParser::errorHere(const std::string& what) const {
    std::size_t line = 1, col = 1;
    for (std::size_t i = 0; i < pos_ && i < text_.size(); ++i) {
        if (text_[i] == '\n') {
            ++line;
            col = 1;
        } else {
            ++col;
        }
    }
    return makeError("line " + std::to_string(line) + ", column " + std::to_string(col) + ": " + what);
}

void JsonParser::skipSpace() {
    while (!atEnd() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r'))
        ++pos_;
}

Result<JsonValue> JsonParser::parseValue(int depth) {
    if (depth > kMaxDepth)
        return errorHere("nested too deeply");
    skipSpace();
    if (atEnd())
        return errorHere("unexpected end of file, expected a value");
    char c = text_[pos_];
    if (c == '{')
        return parseObject(depth + 1);
    if (c == '[')
        return parseArray(depth + 1);
    if (c == '"') {
        auto s = parseString();
        if (!s)
            return s.error();
        return JsonValue::makeString(std::move(s.value()));
    }
    if (c == '-' || (c >= '0' && c <= '9'))
        return parseNumber();
    return parseLiteral();
}

Result<JsonValue> JsonParser::parseObject(int depth) {
    ++pos_; // '{'
    JsonValue::Object members;
    skipSpace();
    if (!atEnd() && text_[pos_] == '}') {
        ++pos_;
        return JsonValue::makeObject(std::move(members));
    }
    for (;;) {
        skipSpace();
        if (atEnd() || text_[pos_] != '"')
            return errorHere("expected a quoted key");
        auto key = parseString();
        if (!key)
            return key.error();
        for (const auto& m : members)
            if (m.first == key.value())
                return errorHere("duplicate key \"" + key.value() + "\"");
        skipSpace();
        if (atEnd() || text_[pos_] != ':')
            return errorHere("expected ':' after key \"" + key.value() + "\"");
        ++pos_;
        auto value = parseValue(depth);
        if (!value)
            return value;
        members.emplace_back(std::move(key.value()), std::move(value.value()));
        skipSpace();
        if (atEnd())
            return errorHere("unexpected end of file inside an object");
        if (text_[pos_] == ',') {
            ++pos_;
            continue;
        }
        if (text_[pos_] == '}') {
            ++pos_;
            return JsonValue::makeObject(std::move(members));
        }
        return errorHere("expected ',' or '}' in an object");
    }
}

Result<JsonValue> JsonParser::parseArray(int depth) {
    ++pos_; // '['
    JsonValue::Array items;
    skipSpace();
    if (!atEnd() && text_[pos_] == ']') {
        ++pos_;
        return JsonValue::makeArray(std::move(items));
    }
    for (;;) {
        auto value = parseValue(depth);
        if (!value)
            return value;
        items.push_back(std::move(value.value()));
        skipSpace();
        if (atEnd())
            return errorHere("unexpected end of file inside an array");
        if (text_[pos_] == ',') {
            ++pos_;
            continue;
        }
        if (text_[pos_] == ']') {
            ++pos_;
            return JsonValue::makeArray(std::move(items));
        }
        return errorHere("expected ',' or ']' in an array");
    }
}

Result<std::string> JsonParser::parseString() {
    ++pos_; // opening quote
    std::string out;
    while (!atEnd()) {
        char c = text_[pos_];
        if (c == '"') {
            ++pos_;
            return out;
        }
        if (static_cast<unsigned char>(c) < 0x20)
            return errorHere("control character inside a string (write \\n for a new line)");
        if (c != '\\') {
            out += c;
            ++pos_;
            continue;
        }
        ++pos_;
        if (atEnd())
            break;
        char e = text_[pos_++];
        switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
            auto readHex = [this](std::uint32_t* cp) {
                if (pos_ + 4 > text_.size())
                    return false;
                std::uint32_t v = 0;
                for (int i = 0; i < 4; ++i) {
                    int d = hexDigit(text_[pos_ + i]);
                    if (d < 0)
                        return false;
                    v = v * 16 + static_cast<std::uint32_t>(d);
                }
                pos_ += 4;
                *cp = v;
                return true;
            };
            std::uint32_t cp = 0;
            if (!readHex(&cp))
                return errorHere("bad \\u escape (needs four hex digits)");
            if (cp >= 0xD800 && cp < 0xDC00) {
                std::uint32_t low = 0;
                if (text_.substr(pos_, 2) != "\\u")
                    return errorHere("unpaired UTF-16 surrogate in \\u escape");
                pos_ += 2;
                if (!readHex(&low) || low < 0xDC00 || low > 0xDFFF)
                    return errorHere("bad low surrogate in \\u escape");
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            }
            appendUtf8(out, cp);
            break;
        }
        default:
            --pos_;
            return errorHere(std::string("unknown escape \\") + e);
        }
    }
    return errorHere("unterminated string");
}

Result<JsonValue> JsonParser::parseNumber() {
    std::size_t start = pos_;
    if (text_[pos_] == '-')
        ++pos_;
    auto digits = [this] {
        std::size_t n = 0;
        while (!atEnd() && text_[pos_] >= '0' && text_[pos_] <= '9') {
            ++pos_;
            ++n;
        }
        return n;
    };
    if (atEnd())
        return errorHere("bad number");
    if (text_[pos_] == '0') {
        ++pos_;
    } else if (digits() == 0) {
        return errorHere("bad number");
    }
    if (!atEnd() && text_[pos_] == '.') {
        ++pos_;
        if (digits() == 0)
            return errorHere("bad number: digits expected after '.'");
    }
    if (!atEnd() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
        ++pos_;
        if (!atEnd() && (text_[pos_] == '+' || text_[pos_] == '-'))
            ++pos_;
        if (digits() == 0)
            return errorHere("bad number: digits expected in the exponent");
    }
    std::string s(text_.substr(start, pos_ - start));
    errno = 0;
    double d = std::strtod(s.c_str(), nullptr);
    if (errno == ERANGE) {
        pos_ = start;
        return errorHere("number out of range");
    }
    return JsonValue::makeNumber(d);
}

Result<JsonValue> JsonParser::parseLiteral() {
    auto rest = text_.substr(pos_);
    if (rest.substr(0, 4) == "true") {
        pos_ += 4;
        return JsonValue::makeBool(true);
    }
    if (rest.substr(0, 5) == "false") {
        pos_ += 5;
        return JsonValue::makeBool(false);
    }
    if (rest.substr(0, 4) == "null") {
        pos_ += 4;
        return JsonValue();
    }
    return errorHere("unexpected character '" + std::string(1, text_[pos_]) + "', expected a value");
}

} // namespace aioscope::lessons
