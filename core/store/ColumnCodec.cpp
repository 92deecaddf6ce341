#include "store/ColumnCodec.h"

#include <bit>
#include <cstring>
#include <limits>

namespace aioscope::store {

namespace {

constexpr std::uint64_t kNoDelta = std::numeric_limits<std::uint64_t>::max();

std::uint64_t zigzag(std::int64_t v) {
    return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}
std::int64_t unzigzag(std::uint64_t z) {
    return static_cast<std::int64_t>(z >> 1) ^ -static_cast<std::int64_t>(z & 1);
}

std::size_t varintSize(std::uint64_t x) {
    return x < 0x80 ? 1 : (static_cast<std::size_t>(std::bit_width(x)) + 6) / 7;
}

std::byte* putVarint(std::byte* p, std::uint64_t x) {
    while (x >= 0x80) {
        *p++ = static_cast<std::byte>(x | 0x80);
        x >>= 7;
    }
    *p++ = static_cast<std::byte>(x);
    return p;
}

// False at the end of the input or on a value longer than 64 bits.
bool getVarint(const std::byte*& p, const std::byte* end, std::uint64_t& x) {
    x = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (p == end)
            return false;
        const auto b = static_cast<std::uint64_t>(*p++);
        if (shift == 63 && b > 1)
            return false;
        x |= (b & 0x7f) << shift;
        if (b < 0x80)
            return true;
    }
    return false;
}

// One value of W bytes seen as 64 bits: `bits` as stored, `wide` sign-extended
// for signed types, `none` whether it is the type's "none" (minimum of a signed
// type: kNoTime; all ones of an unsigned one: kNoTask, kNoSnapshot, ...).
template <unsigned W, bool Signed> struct Lane {
    static constexpr std::uint64_t kMask = W == 8 ? ~0ull : (1ull << (8 * W)) - 1;
    static constexpr std::uint64_t kNone = Signed ? 1ull << (8 * W - 1) : kMask;

    static std::uint64_t load(const std::byte* p) {
        std::uint64_t u = 0;
        std::memcpy(&u, p, W);
        return u;
    }
    static void store(std::byte* p, std::uint64_t u) { std::memcpy(p, &u, W); }
    static std::int64_t wide(std::uint64_t u) {
        if constexpr (Signed && W < 8)
            return static_cast<std::int64_t>(u << (64 - 8 * W)) >> (64 - 8 * W);
        else
            return static_cast<std::int64_t>(u);
    }
    static std::uint64_t plain(std::uint64_t u) { return Signed ? zigzag(wide(u)) : (u + 1) & kMask; }
    static std::uint64_t unplain(std::uint64_t z) {
        return Signed ? static_cast<std::uint64_t>(unzigzag(z)) & kMask : (z - 1) & kMask;
    }
    // The delta code of u after `prev` (and the new prev); kNoDelta if it has none.
    static std::uint64_t delta(std::uint64_t u, std::int64_t& prev) {
        if (u == kNone)
            return 0;
        const std::int64_t v = wide(u);
        const std::uint64_t z =
            zigzag(static_cast<std::int64_t>(static_cast<std::uint64_t>(v) - static_cast<std::uint64_t>(prev)));
        prev = v;
        return z == kNoDelta ? kNoDelta : z + 1;
    }
    static std::uint64_t undelta(std::uint64_t code, std::int64_t& prev) {
        if (code == 0)
            return kNone;
        prev = static_cast<std::int64_t>(static_cast<std::uint64_t>(prev) +
                                         static_cast<std::uint64_t>(unzigzag(code - 1)));
        return static_cast<std::uint64_t>(prev) & kMask;
    }

    static ColumnCodec::Encoded encode(const std::byte* in, std::size_t count) {
        std::size_t varintBytes = 0, deltaBytes = 0;
        bool deltaFits = true;
        std::int64_t prev = 0;
        for (std::size_t i = 0; i < count; ++i) {
            const std::uint64_t u = load(in + i * W);
            varintBytes += varintSize(plain(u));
            const std::uint64_t d = delta(u, prev);
            deltaFits = deltaFits && d != kNoDelta;
            deltaBytes += varintSize(d);
        }
        ColumnCodec::Encoded out;
        const std::size_t rawBytes = count * W;
        if (rawBytes <= varintBytes && (!deltaFits || rawBytes <= deltaBytes))
            return out;
        const bool useDelta = deltaFits && deltaBytes < varintBytes;
        out.encoding = useDelta ? ColumnEncoding::Delta : ColumnEncoding::Varint;
        out.bytes.resize(useDelta ? deltaBytes : varintBytes);
        std::byte* p = out.bytes.data();
        prev = 0;
        for (std::size_t i = 0; i < count; ++i) {
            const std::uint64_t u = load(in + i * W);
            p = putVarint(p, useDelta ? delta(u, prev) : plain(u));
        }
        return out;
    }

    // The next `count` values from p (which it moves on), `prev` carried between pieces.
    static bool decodePiece(ColumnEncoding encoding, const std::byte*& p, const std::byte* end, std::int64_t& prev,
                            std::size_t count, std::byte* out) {
        return encoding == ColumnEncoding::Delta ? decodeAs<true>(p, end, prev, count, out)
                                                 : decodeAs<false>(p, end, prev, count, out);
    }

    template <bool Delta>
    static bool decodeAs(const std::byte*& p, const std::byte* end, std::int64_t& prev, std::size_t count,
                         std::byte* out) {
        std::uint64_t x = 0;
        for (std::size_t i = 0; i < count; ++i) {
            if (end - p >= 10) {
                // At least one whole varint's worth of bytes left: no bounds check per byte.
                std::uint64_t b = static_cast<std::uint64_t>(*p++);
                x = b & 0x7f;
                for (int shift = 7; b >= 0x80; shift += 7) {
                    if (shift > 63)
                        return false;
                    b = static_cast<std::uint64_t>(*p++);
                    x |= (b & 0x7f) << shift;
                }
            } else if (!getVarint(p, end, x)) {
                return false;
            }
            if constexpr (Delta)
                store(out + i * W, undelta(x, prev));
            else
                store(out + i * W, unplain(x));
        }
        return true;
    }
};

template <typename F> auto byShape(std::uint32_t width, bool isSigned, F&& f) {
    switch (width * 2 + (isSigned ? 1 : 0)) {
    case 2: return f(Lane<1, false>{});
    case 3: return f(Lane<1, true>{});
    case 4: return f(Lane<2, false>{});
    case 5: return f(Lane<2, true>{});
    case 8: return f(Lane<4, false>{});
    case 9: return f(Lane<4, true>{});
    case 16: return f(Lane<8, false>{});
    default: return f(Lane<8, true>{});
    }
}

} // namespace

ColumnCodec::Encoded ColumnCodec::encode(const std::byte* values, std::size_t count, std::uint32_t width,
                                         bool isSigned) {
    return byShape(width, isSigned, [&](auto lane) { return decltype(lane)::encode(values, count); });
}

bool ColumnCodec::decode(ColumnEncoding encoding, std::span<const std::byte> in, std::uint32_t width, bool isSigned,
                         std::uint64_t count, std::byte* out) {
    Pieces whole(encoding, in, width, isSigned);
    return whole.next(count, out) && whole.finished();
}

bool ColumnCodec::Pieces::next(std::uint64_t count, std::byte* out) {
    if (width_ != 1 && width_ != 2 && width_ != 4 && width_ != 8)
        return false;
    if (encoding_ == ColumnEncoding::Raw) {
        if (static_cast<std::uint64_t>(end_ - p_) < count * width_)
            return false;
        if (count)
            std::memcpy(out, p_, count * width_);
        p_ += count * width_;
        return true;
    }
    if (encoding_ != ColumnEncoding::Varint && encoding_ != ColumnEncoding::Delta)
        return false;
    // Every value takes at least a byte.
    if (count > static_cast<std::uint64_t>(end_ - p_))
        return false;
    return byShape(width_, signed_,
                   [&](auto lane) { return decltype(lane)::decodePiece(encoding_, p_, end_, prev_, count, out); });
}

} // namespace aioscope::store
