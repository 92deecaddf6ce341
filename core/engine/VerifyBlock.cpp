#include "engine/VerifyBlock.h"

#include <array>
#include <cstring>

namespace aioscope::engine {

namespace {

struct Header {
    std::uint32_t magic;
    std::uint32_t crc; // over bytes [8, length)
    std::uint64_t offset;
    std::uint64_t generation;
};

constexpr std::array<std::uint32_t, 256> makeTable() {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
        std::uint32_t c = i;
        for (int k = 0; k < 8; ++k)
            c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
        t[i] = c;
    }
    return t;
}
constexpr auto kTable = makeTable();

} // namespace

std::uint32_t VerifyBlock::crc32c(const void* data, std::size_t length) {
    const auto* p = static_cast<const std::uint8_t*>(data);
    std::uint32_t c = ~0u;
    for (std::size_t i = 0; i < length; ++i)
        c = kTable[(c ^ p[i]) & 0xFF] ^ (c >> 8);
    return ~c;
}

void VerifyBlock::fill(void* block, std::size_t length, std::uint64_t offset, std::uint64_t generation) {
    auto* bytes = static_cast<std::uint8_t*>(block);
    // xorshift64: cheap, and different for every (offset, generation).
    std::uint64_t x = (offset + 1) * 0x9E3779B97F4A7C15ull ^ (generation + 1) * 0xC2B2AE3D27D4EB4Full;
    for (std::size_t i = sizeof(Header); i + 8 <= length; i += 8) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        std::memcpy(bytes + i, &x, 8);
    }
    Header h{kMagic, 0, offset, generation};
    std::memcpy(bytes, &h, sizeof(h));
    h.crc = crc32c(bytes + 8, length - 8);
    std::memcpy(bytes, &h, sizeof(h));
}

bool VerifyBlock::check(const void* block, std::size_t length, std::uint64_t offset) {
    Header h;
    std::memcpy(&h, block, sizeof(h));
    if (h.magic != kMagic || h.offset != offset)
        return false;
    return h.crc == crc32c(static_cast<const std::uint8_t*>(block) + 8, length - 8);
}

} // namespace aioscope::engine
