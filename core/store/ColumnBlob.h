#pragma once
#include "model/Result.h"

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

namespace aioscope::store {

static_assert(std::endian::native == std::endian::little,
              "session columns are little-endian packed arrays; add byte swapping for big-endian hosts");

// One column of a table stored as a packed little-endian array in a BLOB:
// loading a million requests is a memcpy per column instead of a million
// rows. The checksum catches a corrupted page that SQLite cannot see (it
// does not checksum blob contents).
struct ColumnBlob {
    template <typename T>
    static std::span<const std::byte> bytesOf(std::span<const T> values) {
        static_assert(std::is_trivially_copyable_v<T>);
        return std::as_bytes(values);
    }

    // Checks a stored column's shape and checksum against what the reader expects.
    static Result<void> validate(const std::string& name, std::uint32_t width, std::uint64_t count,
                                 std::uint64_t checksum, std::span<const std::byte> data, std::uint32_t expectedWidth,
                                 std::uint64_t expectedCount, const std::string& file);
    static std::uint64_t checksumOf(std::span<const std::byte> data);
};

} // namespace aioscope::store
