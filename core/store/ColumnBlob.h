#pragma once
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <type_traits>
#include <vector>

namespace aioscope::store {

static_assert(std::endian::native == std::endian::little,
              "session columns are little-endian packed arrays; add byte swapping for big-endian hosts");

// One column of a table kept as a packed little-endian array (stored in a
// BLOB, encoded by ColumnCodec): loading a million requests is a pass per
// column instead of a million rows. The checksum of the values catches a
// corrupted page that SQLite cannot see (it does not checksum blob contents).
struct ColumnBlob {
    template <typename T> static std::span<const std::byte> bytesOf(std::span<const T> values) {
        static_assert(std::is_trivially_copyable_v<T>);
        return std::as_bytes(values);
    }

    static std::uint64_t checksumOf(std::span<const std::byte> data);
};

} // namespace aioscope::store
