#pragma once
#include "model/SpillAllocator.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>
#include <vector>

namespace aioscope::store {

// How a packed column's values are laid out in its BLOB (the `codec` column of
// run_columns and event_columns). Stored as numbers: never renumber.
enum class ColumnEncoding : std::uint8_t {
    Raw = 0,    // the little-endian array itself (every column before schema v4)
    Varint = 1, // LEB128 of each value: zigzag for signed types, value + 1 for unsigned ones (the all-ones "none" is 0)
    Delta = 2,  // LEB128 of zigzag(value - previous) + 1; 0 is the type's "none" (kNoTime, kNoTask, ...)
};

// Packs integer columns small: ids, enums and small counts take a byte, sorted
// times a few bytes of difference, random 64-bit values stay raw. The encoder
// picks whichever of the three is smallest for the column; decoding is one
// pass with bounds checks (a damaged BLOB fails, it never reads past its end).
class ColumnCodec {
public:
    struct Encoded {
        ColumnEncoding encoding = ColumnEncoding::Raw;
        SpillVector<std::byte> bytes; // empty for Raw: the caller stores the values as they are
    };

    template <typename T> static Encoded encode(std::span<const T> values) {
        static_assert(std::is_trivially_copyable_v<T> &&
                      (sizeof(T) == 1 || sizeof(T) == 2 || sizeof(T) == 4 || sizeof(T) == 8));
        return encode(reinterpret_cast<const std::byte*>(values.data()), values.size(), sizeof(T), isSigned<T>());
    }

    // Decodes `count` values of `width` bytes into `out` (count * width bytes).
    // False when `in` is not a complete encoding of exactly that many values.
    static bool decode(ColumnEncoding encoding, std::span<const std::byte> in, std::uint32_t width, bool isSigned,
                       std::uint64_t count, std::byte* out);

    // The same in pieces, so a big column can be decoded through a small
    // buffer: each next() decodes the following `count` values into `out`;
    // finished() says whether the input ended exactly with the last of them.
    class Pieces {
    public:
        Pieces(ColumnEncoding encoding, std::span<const std::byte> in, std::uint32_t width, bool isSigned)
            : encoding_(encoding), p_(in.data()), end_(in.data() + in.size()), width_(width), signed_(isSigned) {}
        bool next(std::uint64_t count, std::byte* out);
        bool finished() const { return p_ == end_; }

    private:
        ColumnEncoding encoding_;
        const std::byte* p_;
        const std::byte* end_;
        std::uint32_t width_;
        bool signed_;
        std::int64_t prev_ = 0; // Delta: the value before the next one
    };
    template <typename T> static constexpr bool isSigned() {
        if constexpr (std::is_enum_v<T>)
            return std::is_signed_v<std::underlying_type_t<T>>;
        else
            return std::is_signed_v<T>;
    }

    static Encoded encode(const std::byte* values, std::size_t count, std::uint32_t width, bool isSigned);
};

} // namespace aioscope::store
