#include "trace/ftrace/TraceDatLayout.h"

#include <cstring>

namespace aioscope::trace {

namespace {

constexpr std::size_t kMagicBytes = 10; // "\x17\x08Dtracing"

class Cursor {
public:
    explicit Cursor(std::string_view bytes) : bytes_(bytes) {}

    std::size_t at = kMagicBytes;
    bool bigEndian = false;
    std::string problem;

    std::string end() const { return std::to_string(bytes_.size()); }
    bool need(std::uint64_t count, const std::string& what) {
        if (!problem.empty())
            return false;
        if (count <= bytes_.size() - at)
            return true;
        problem = what + " at offset " + std::to_string(at) + " needs " + std::to_string(count) +
                  " bytes, but the file ends at offset " + end();
        return false;
    }
    std::uint64_t number(std::size_t size) {
        std::uint64_t v = 0;
        for (std::size_t i = 0; i < size; ++i) {
            const auto byte = static_cast<unsigned char>(bytes_[at + (bigEndian ? i : size - 1 - i)]);
            v = (v << 8) | byte;
        }
        at += size;
        return v;
    }
    bool readNumber(std::size_t size, const std::string& what, std::uint64_t& out) {
        if (!need(size, what))
            return false;
        out = number(size);
        return true;
    }
    // A NUL-terminated string of at most `max` bytes.
    bool readString(std::size_t max, const std::string& what, std::string& out) {
        if (!problem.empty())
            return false;
        const std::size_t nul = bytes_.find('\0', at);
        if (nul == std::string_view::npos || nul - at > max) {
            problem = what + " at offset " + std::to_string(at) +
                      (nul == std::string_view::npos ? " is cut short: the file ends at offset " + end()
                                                     : " is not a terminated string");
            return false;
        }
        out = std::string(bytes_.substr(at, nul - at));
        at = nul + 1;
        return true;
    }
    bool skip(std::uint64_t count, const std::string& what) {
        if (!need(count, what))
            return false;
        at += static_cast<std::size_t>(count);
        return true;
    }
    bool literal(std::string_view text, const std::string& what) {
        if (!need(text.size(), what))
            return false;
        if (bytes_.substr(at, text.size()) != text) {
            problem = what + " expected at offset " + std::to_string(at) + " is not there (damaged header)";
            return false;
        }
        at += text.size();
        return true;
    }
    std::size_t size() const { return bytes_.size(); }

private:
    std::string_view bytes_;
};

const char* sectionName(std::uint64_t id) {
    switch (id) {
    case 0: return "options section";
    case 3: return "flyrecord data section";
    case 15: return "strings section";
    case 16: return "header info section";
    case 17: return "ftrace event formats section";
    case 18: return "event formats section";
    case 19: return "kallsyms section";
    case 20: return "printk formats section";
    case 21: return "saved command lines section";
    case 22: return "latency data section";
    default: return nullptr;
    }
}

// Version 7: sections one after another, each a 16-byte header and its data.
std::string walkSections(Cursor& c) {
    std::string name;
    if (!c.readString(64, "the compression name", name) || !c.readString(64, "the compression version", name))
        return c.problem;
    std::uint64_t options = 0;
    if (!c.readNumber(8, "the offset of the first options section", options))
        return c.problem;
    // The sections lie one after another: the first one cut short is the
    // place of the damage (the options offset then only says it is gone).
    const std::size_t optionsAt = c.at - 8;
    while (c.at < c.size()) {
        const std::size_t start = c.at;
        if (!c.need(16, "a section header"))
            return c.problem;
        const std::uint64_t id = c.number(2);
        (void)c.number(2); // flags
        (void)c.number(4); // string id
        const std::uint64_t size = c.number(8);
        const char* what = sectionName(id);
        if (!what)
            return {}; // not a section this walk knows: no verdict
        c.at = start;
        if (!c.need(16 + size, std::string("the ") + what))
            return c.problem;
        c.at = start + 16 + static_cast<std::size_t>(size);
    }
    if (options >= c.size())
        return "the first options section is said (at offset " + std::to_string(optionsAt) + ") to be at offset " +
               std::to_string(options) + ", past the end of the file (offset " + c.end() + ")";
    return {};
}

// Version 6: header page and event, format files, kallsyms, printk, then options and per-CPU data.
std::string walkFixedParts(Cursor& c, std::size_t longSize) {
    std::uint64_t n = 0, count = 0;
    if (!c.literal(std::string_view("header_page\0", 12), "\"header_page\"") ||
        !c.readNumber(8, "the header_page size", n) || !c.skip(n, "the header_page part") ||
        !c.literal(std::string_view("header_event\0", 13), "\"header_event\"") ||
        !c.readNumber(8, "the header_event size", n) || !c.skip(n, "the header_event part"))
        return c.problem;
    if (!c.readNumber(4, "the count of ftrace event formats", count))
        return c.problem;
    for (std::uint64_t i = 0; i < count; ++i)
        if (!c.readNumber(8, "the size of ftrace format " + std::to_string(i + 1), n) ||
            !c.skip(n, "ftrace format " + std::to_string(i + 1)))
            return c.problem;
    std::uint64_t systems = 0;
    if (!c.readNumber(4, "the count of event systems", systems))
        return c.problem;
    for (std::uint64_t s = 0; s < systems; ++s) {
        std::string system;
        if (!c.readString(256, "the name of event system " + std::to_string(s + 1), system) ||
            !c.readNumber(4, "the event count of system " + system, count))
            return c.problem;
        for (std::uint64_t i = 0; i < count; ++i)
            if (!c.readNumber(8, "the size of a " + system + " event format", n) ||
                !c.skip(n, "a " + system + " event format"))
                return c.problem;
    }
    if (!c.readNumber(4, "the kallsyms size", n) || !c.skip(n, "the kallsyms part") ||
        !c.readNumber(4, "the printk formats size", n) || !c.skip(n, "the printk formats part"))
        return c.problem;
    std::uint64_t cpus = 0;
    if (!c.readNumber(4, "the CPU count", cpus) || !c.need(10, "the data kind (options, flyrecord or latency)"))
        return c.problem;
    std::string kind;
    if (!c.readString(10, "the data kind", kind))
        return c.problem;
    if (kind == "options  ") {
        for (;;) {
            std::uint64_t id = 0, size = 0;
            if (!c.readNumber(2, "an option id", id))
                return c.problem;
            if (id == 0)
                break;
            if (!c.readNumber(4, "the size of option " + std::to_string(id), size) ||
                !c.skip(size, "option " + std::to_string(id)))
                return c.problem;
        }
        if (!c.readString(10, "the data kind", kind))
            return c.problem;
    }
    if (kind != "flyrecord")
        return {}; // latency text: nothing sized to check
    (void)longSize;
    for (std::uint64_t cpu = 0; cpu < cpus && cpu < 4096; ++cpu) {
        std::uint64_t offset = 0, size = 0;
        if (!c.readNumber(8, "the data offset of CPU " + std::to_string(cpu), offset) ||
            !c.readNumber(8, "the data size of CPU " + std::to_string(cpu), size))
            return c.problem;
        if (offset > c.size() || size > c.size() - offset)
            return "the data of CPU " + std::to_string(cpu) + " at offset " + std::to_string(offset) + " needs " +
                   std::to_string(size) + " bytes, but the file ends at offset " + c.end();
    }
    return {};
}

} // namespace

bool TraceDatLayout::compressed(std::string_view head) {
    if (head.size() < kMagicBytes)
        return false;
    const std::size_t versionEnd = head.find('\0', kMagicBytes);
    if (versionEnd == std::string_view::npos || head.substr(kMagicBytes, versionEnd - kMagicBytes) != "7")
        return false;
    const std::size_t name = versionEnd + 1 + 1 + 1 + 4; // byte order, long size, page size
    const std::size_t nameEnd = name < head.size() ? head.find('\0', name) : std::string_view::npos;
    return nameEnd != std::string_view::npos && nameEnd > name && head.substr(name, nameEnd - name) != "none";
}

std::string TraceDatLayout::damage(std::string_view bytes) {
    if (bytes.size() < kMagicBytes)
        return "the file ends at offset " + std::to_string(bytes.size()) + ", inside the 10-byte magic";
    Cursor c(bytes);
    std::string version;
    std::uint64_t endian = 0, longSize = 0, pageSize = 0;
    if (!c.readString(8, "the version", version) || !c.readNumber(1, "the byte-order flag", endian) ||
        !c.readNumber(1, "the long size", longSize) || !c.readNumber(4, "the page size", pageSize))
        return c.problem;
    c.bigEndian = endian == 1;
    if (c.bigEndian) {
        // The page size was read little-endian above; read it again.
        c.at -= 4;
        pageSize = c.number(4);
    }
    (void)pageSize;
    if (version == "7")
        return walkSections(c);
    if (version == "6")
        return walkFixedParts(c, static_cast<std::size_t>(longSize));
    return {};
}

} // namespace aioscope::trace
