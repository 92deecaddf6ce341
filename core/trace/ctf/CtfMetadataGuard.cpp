#include "trace/ctf/CtfMetadataGuard.h"

#include <cctype>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>

namespace aioscope::trace {

namespace {

constexpr std::uint32_t kPacketMagic = 0x75d11d57;
constexpr std::size_t kPacketHeaderBytes = 37; // magic, uuid[16], checksum, content/packet size, 5 x uint8
constexpr std::size_t kContentSizeAt = 24;     // after magic (4), uuid (16) and checksum (4)
constexpr std::size_t kPacketSizeAt = 28;

std::uint32_t read32(const std::string& s, std::size_t at, bool swap)
{
    std::uint32_t v = 0;
    std::memcpy(&v, s.data() + at, 4);
    return swap ? __builtin_bswap32(v) : v;
}

} // namespace

std::string CtfMetadataGuard::text(const std::string& metadataFile)
{
    std::ifstream in(metadataFile, std::ios::binary);
    std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (raw.size() < 4)
        return raw;
    const std::uint32_t magic = read32(raw, 0, false);
    if (magic != kPacketMagic && __builtin_bswap32(magic) != kPacketMagic)
        return raw; // plain text metadata
    const bool swap = magic != kPacketMagic;
    std::string tsdl;
    for (std::size_t at = 0; at + kPacketHeaderBytes <= raw.size();) {
        if (read32(raw, at, swap) != kPacketMagic)
            break;
        const std::size_t content = read32(raw, at + kContentSizeAt, swap) / 8;
        const std::size_t packet = read32(raw, at + kPacketSizeAt, swap) / 8;
        if (content < kPacketHeaderBytes || packet < content)
            break;
        tsdl.append(raw, at + kPacketHeaderBytes, std::min(content, raw.size() - at) - kPacketHeaderBytes);
        at += packet;
    }
    return tsdl;
}

std::vector<CtfMetadataGuard::Block> CtfMetadataGuard::clockBlocks(const std::string& s) {
    // clock { name = ...; freq = N; ... };  (`clock.name.value` is a reference, not a block)
    std::vector<Block> blocks;
    for (std::size_t at = s.find("clock"); at != std::string::npos; at = s.find("clock", at + 5)) {
        if (at > 0 && (std::isalnum(static_cast<unsigned char>(s[at - 1])) || s[at - 1] == '_' || s[at - 1] == '.'))
            continue;
        std::size_t p = at + 5;
        while (p < s.size() && std::isspace(static_cast<unsigned char>(s[p])))
            ++p;
        if (p >= s.size() || s[p] != '{')
            continue;
        const std::size_t end = s.find('}', p);
        blocks.push_back({p, end == std::string::npos ? s.size() : end});
    }
    return blocks;
}

std::optional<long long> CtfMetadataGuard::assignedNumber(const std::string& s, Block block, const char* key) {
    const std::size_t keyLength = std::strlen(key);
    const std::size_t end = block.end;
    for (std::size_t at = s.find(key, block.begin); at != std::string::npos && at < end; at = s.find(key, at + 1)) {
        const bool wordStart = at == 0 || !(std::isalnum(static_cast<unsigned char>(s[at - 1])) || s[at - 1] == '_');
        std::size_t p = at + keyLength;
        if (!wordStart || p >= end || (std::isalnum(static_cast<unsigned char>(s[p])) || s[p] == '_'))
            continue;
        while (p < end && std::isspace(static_cast<unsigned char>(s[p])))
            ++p;
        if (p >= end || s[p] != '=')
            continue;
        ++p;
        while (p < end && std::isspace(static_cast<unsigned char>(s[p])))
            ++p;
        char* stop = nullptr;
        const long long value = std::strtoll(s.c_str() + p, &stop, 0);
        if (stop == s.c_str() + p)
            return std::nullopt;
        return value;
    }
    return std::nullopt;
}

std::string CtfMetadataGuard::problemInText(const std::string& s) {
    for (const Block& block : clockBlocks(s)) {
        const std::optional<long long> freq = assignedNumber(s, block, "freq");
        if (!freq || *freq <= 0)
            return "a clock without a valid frequency (freq), which crashes libbabeltrace2 2.0";
    }
    return {};
}

std::string CtfMetadataGuard::truncation(const std::string& metadataFile) {
    std::ifstream in(metadataFile, std::ios::binary);
    std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (raw.size() < 4)
        return {};
    const std::uint32_t magic = read32(raw, 0, false);
    if (magic != kPacketMagic && __builtin_bswap32(magic) != kPacketMagic)
        return {}; // plain text: no sizes to check against
    const bool swap = magic != kPacketMagic;
    const std::string end = std::to_string(raw.size());
    for (std::size_t at = 0; at < raw.size();) {
        const std::string where = "a metadata packet at offset " + std::to_string(at);
        if (at + kPacketHeaderBytes > raw.size())
            return where + " whose 37-byte header is cut short: the file ends at offset " + end;
        if (read32(raw, at, swap) != kPacketMagic)
            return where + " without the packet magic 0x75d11d57 (damaged or cut short)";
        const std::uint64_t content = read32(raw, at + kContentSizeAt, swap) / 8;
        const std::uint64_t packet = read32(raw, at + kPacketSizeAt, swap) / 8;
        if (content < kPacketHeaderBytes || packet < content)
            return where + " with impossible sizes (content " + std::to_string(content) + " bytes, packet " +
                   std::to_string(packet) + " bytes)";
        if (at + packet > raw.size())
            return where + " of " + std::to_string(packet) + " bytes, but the file ends at offset " + end +
                   " (cut short)";
        at += packet;
    }
    return {};
}

std::string CtfMetadataGuard::problem(const std::string& dir)
{
    if (std::string cut = truncation(dir + "/metadata"); !cut.empty())
        return cut;
    return problemInText(text(dir + "/metadata"));
}

} // namespace aioscope::trace
