#include "store/ColumnBlob.h"

namespace aioscope::store {

std::uint64_t ColumnBlob::checksumOf(std::span<const std::byte> data) {
    // Fletcher-style over 64-bit words: two adds per word, so checking a
    // 100 MB session costs a few milliseconds; any changed word changes it.
    std::uint64_t a = 0x9E3779B97F4A7C15ull, b = data.size();
    const std::size_t words = data.size() / 8;
    const std::byte* p = data.data();
    for (std::size_t i = 0; i < words; ++i) {
        std::uint64_t w;
        std::memcpy(&w, p + i * 8, 8);
        a += w;
        b += a;
    }
    std::uint64_t tail = 0;
    if (data.size() > words * 8)
        std::memcpy(&tail, p + words * 8, data.size() - words * 8);
    a += tail;
    b += a;
    return a ^ (b * 0xBF58476D1CE4E5B9ull);
}

} // namespace aioscope::store
