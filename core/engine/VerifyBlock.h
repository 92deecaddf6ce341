#pragma once
#include <cstddef>
#include <cstdint>

namespace aioscope::engine {

// fio-style data check: every written block carries a header (magic, its own
// file offset, a generation, a CRC32C of everything after the CRC field), so
// a read can tell a good block from a torn, misplaced or corrupted one.
class VerifyBlock {
public:
    static constexpr std::uint32_t kMagic = 0xA105C09Eu;
    // Fills `block` (length bytes, >= 64) for `offset` with pseudo-random
    // payload derived from offset and generation.
    static void fill(void* block, std::size_t length, std::uint64_t offset, std::uint64_t generation);
    // True when the block is intact and belongs at `offset`.
    static bool check(const void* block, std::size_t length, std::uint64_t offset);
    static std::uint32_t crc32c(const void* data, std::size_t length);
};

} // namespace aioscope::engine
