#include "trace/ctf/CtfPacketIndex.h"

#include "trace/ctf/CtfMetadataGuard.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace fs = std::filesystem;

namespace aioscope::trace {

namespace {

constexpr std::uint32_t kIndexMagic = 0xC1F1DCC1;
constexpr std::size_t kIndexHeaderBytes = 16;      // magic, major, minor, entry length
constexpr std::size_t kIndexEntryMinBytes = 7 * 8; // CTF_INDEX 1.0 (1.1 appends two fields)

std::uint64_t bigEndian(const char* p, std::size_t bytes) {
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < bytes; ++i)
        v = v << 8 | static_cast<unsigned char>(p[i]);
    return v;
}

struct Clock {
    std::uint64_t freq = 1000000000;
    std::int64_t offsetSeconds = 0;
    std::uint64_t offsetCycles = 0;
    int blocks = 0;
};

Clock clockOf(const std::string& s) {
    Clock clock;
    for (const CtfMetadataGuard::Block& block : CtfMetadataGuard::clockBlocks(s)) {
        ++clock.blocks;
        if (auto v = CtfMetadataGuard::assignedNumber(s, block, "freq"); v && *v > 0)
            clock.freq = static_cast<std::uint64_t>(*v);
        if (auto v = CtfMetadataGuard::assignedNumber(s, block, "offset_s"))
            clock.offsetSeconds = *v;
        if (auto v = CtfMetadataGuard::assignedNumber(s, block, "offset"); v && *v >= 0)
            clock.offsetCycles = static_cast<std::uint64_t>(*v);
    }
    // As babeltrace2's ctf plugin: whole seconds of `offset` go to the seconds.
    clock.offsetSeconds += static_cast<std::int64_t>(clock.offsetCycles / clock.freq);
    clock.offsetCycles %= clock.freq;
    return clock;
}

// Cycles to ns from origin, as libbabeltrace2 computes it (exact at 1 GHz,
// through double otherwise; the slicer keeps a margin for that).
TimeNs nsOf(const Clock& c, std::uint64_t cycles) {
    auto ns = [&](std::uint64_t v) {
        return c.freq == 1000000000
                   ? v
                   : static_cast<std::uint64_t>(1e9 * static_cast<double>(v) / static_cast<double>(c.freq));
    };
    return static_cast<TimeNs>(c.offsetSeconds * 1000000000 + static_cast<std::int64_t>(ns(c.offsetCycles)) +
                               static_cast<std::int64_t>(ns(cycles)));
}

// The files source.ctf.fs reads as data streams: regular, not hidden, not
// the metadata, not empty.
std::vector<std::string> streamFiles(const std::string& dir, std::string& why) {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (name == "metadata" || name.starts_with("."))
            continue;
        std::error_code typeEc;
        if (!entry.is_regular_file(typeEc))
            continue;
        if (entry.file_size(typeEc) == 0 || typeEc)
            continue;
        names.push_back(name);
    }
    if (ec)
        why = dir + ": cannot list: " + ec.message();
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace

Result<CtfPacketIndex> CtfPacketIndex::load(const std::string& dir) {
    const Clock clock = clockOf(CtfMetadataGuard::text(dir + "/metadata"));
    if (clock.blocks != 1)
        return makeError(dir + "/metadata: " + std::to_string(clock.blocks) + " clocks, packet times need exactly one");
    std::string why;
    const std::vector<std::string> names = streamFiles(dir, why);
    if (!why.empty())
        return makeError(why);
    CtfPacketIndex index;
    index.directory_ = dir;
    for (const std::string& name : names) {
        const std::string idx = dir + "/index/" + name + ".idx";
        std::ifstream in(idx, std::ios::binary);
        if (!in)
            return makeError(idx + ": no packet index for stream file " + name);
        const std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (raw.size() < kIndexHeaderBytes || bigEndian(raw.data(), 4) != kIndexMagic)
            return makeError(idx + ": not a CTF packet index");
        const std::uint64_t entryBytes = bigEndian(raw.data() + 12, 4);
        if (entryBytes < kIndexEntryMinBytes || (raw.size() - kIndexHeaderBytes) % entryBytes != 0)
            return makeError(idx + ": packet index entries of " + std::to_string(entryBytes) + " bytes do not fit");
        std::error_code ec;
        const std::uint64_t fileBytes = fs::file_size(dir + "/" + name, ec);
        StreamFile file;
        file.name = name;
        std::uint64_t next = 0;
        TimeNs last = 0;
        for (std::size_t at = kIndexHeaderBytes; at + entryBytes <= raw.size(); at += entryBytes) {
            const char* e = raw.data() + at;
            Packet p;
            p.offset = bigEndian(e, 8);
            const std::uint64_t bits = bigEndian(e + 8, 8);
            p.bytes = bits / 8;
            p.begin = nsOf(clock, bigEndian(e + 24, 8));
            p.end = nsOf(clock, bigEndian(e + 32, 8));
            if (p.offset != next || bits % 8 != 0 || p.bytes == 0 || p.end < p.begin || p.begin < last)
                return makeError(idx + ": packet " + std::to_string(file.packets.size()) +
                                 " does not follow the previous one (stale or damaged index)");
            next = p.offset + p.bytes;
            last = p.begin;
            file.packets.push_back(p);
        }
        if (ec || next != fileBytes)
            return makeError(idx + ": its packets cover " + std::to_string(next) + " bytes of " + name +
                             ", which has " + std::to_string(fileBytes));
        index.files_.push_back(std::move(file));
    }
    return index;
}

} // namespace aioscope::trace
