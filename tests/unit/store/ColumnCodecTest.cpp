// The encodings of packed session columns: every value comes back, the
// smallest encoding is chosen, and damaged bytes are refused, never over-read.
#include "store/ColumnCodec.h"
#include "model/ContextCheck.h"
#include "model/Ids.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <optional>
#include <random>

using namespace aioscope;
using aioscope::store::ColumnCodec;
using aioscope::store::ColumnEncoding;

namespace {

template <typename T> std::vector<T> roundTrip(const std::vector<T>& values, ColumnEncoding* chosen = nullptr) {
    const auto encoded = ColumnCodec::encode(std::span<const T>(values));
    if (chosen)
        *chosen = encoded.encoding;
    std::vector<T> out(values.size());
    const auto* raw = reinterpret_cast<const std::byte*>(values.data());
    const std::span<const std::byte> bytes = encoded.encoding == ColumnEncoding::Raw
                                                 ? std::span<const std::byte>(raw, values.size() * sizeof(T))
                                                 : std::span<const std::byte>(encoded.bytes);
    EXPECT_TRUE(ColumnCodec::decode(encoded.encoding, bytes, sizeof(T), ColumnCodec::isSigned<T>(), values.size(),
                                    reinterpret_cast<std::byte*>(out.data())));
    return out;
}

template <typename T> void expectExtremesComeBack() {
    const T lo = std::numeric_limits<T>::min(), hi = std::numeric_limits<T>::max();
    const std::vector<T> values = {0, 1, lo, hi, lo, lo, hi, static_cast<T>(hi - 1), static_cast<T>(lo + 1), 0, hi, 1};
    EXPECT_EQ(roundTrip(values), values) << sizeof(T) << "-byte " << (std::is_signed_v<T> ? "signed" : "unsigned");
}

} // namespace

TEST(ColumnCodec, ExtremesOfEveryWidthComeBack) {
    expectExtremesComeBack<std::uint8_t>();
    expectExtremesComeBack<std::int8_t>();
    expectExtremesComeBack<std::uint16_t>();
    expectExtremesComeBack<std::int16_t>();
    expectExtremesComeBack<std::uint32_t>();
    expectExtremesComeBack<std::int32_t>();
    expectExtremesComeBack<std::uint64_t>();
    expectExtremesComeBack<std::int64_t>();
}

TEST(ColumnCodec, SortedTimesWithGapsAreDeltasOfAFewBytes) {
    std::mt19937_64 rng(7);
    std::vector<TimeNs> times;
    TimeNs t = 1'700'000'000'000'000'000;
    for (int i = 0; i < 10'000; ++i) {
        t += static_cast<TimeNs>(rng() % 3000);
        times.push_back(i % 7 == 3 ? kNoTime : t);
    }
    ColumnEncoding chosen{};
    EXPECT_EQ(roundTrip(times, &chosen), times);
    EXPECT_EQ(chosen, ColumnEncoding::Delta);
    EXPECT_LT(ColumnCodec::encode(std::span<const TimeNs>(times)).bytes.size(), times.size() * 2);
}

TEST(ColumnCodec, SmallIdsAndNoneTakeOneByte) {
    std::vector<TaskId> tasks;
    for (int i = 0; i < 1000; ++i)
        tasks.push_back(i % 5 == 0 ? kNoTask : static_cast<TaskId>(i % 100));
    const auto encoded = ColumnCodec::encode(std::span<const TaskId>(tasks));
    EXPECT_EQ(encoded.bytes.size(), tasks.size());
    EXPECT_EQ(roundTrip(tasks), tasks);
    const std::vector<CheckVerdict> verdicts = {CheckVerdict::Leak, CheckVerdict::Unknown, CheckVerdict::Carried};
    EXPECT_EQ(roundTrip(verdicts), verdicts);
}

TEST(ColumnCodec, RandomSixtyFourBitValuesStayRaw) {
    std::mt19937_64 rng(8);
    std::vector<std::uint64_t> values(1000);
    for (auto& v : values)
        v = rng();
    ColumnEncoding chosen{};
    EXPECT_EQ(roundTrip(values, &chosen), values);
    EXPECT_EQ(chosen, ColumnEncoding::Raw);
}

TEST(ColumnCodec, DamagedBytesAreRefused) {
    std::vector<std::uint32_t> values;
    for (std::uint32_t i = 0; i < 500; ++i)
        values.push_back(i * 300);
    const auto encoded = ColumnCodec::encode(std::span<const std::uint32_t>(values));
    ASSERT_NE(encoded.encoding, ColumnEncoding::Raw);
    std::vector<std::uint32_t> out(values.size());
    auto decode = [&](std::span<const std::byte> bytes, std::uint64_t count) {
        return ColumnCodec::decode(encoded.encoding, bytes, 4, false, count, reinterpret_cast<std::byte*>(out.data()));
    };
    const std::span<const std::byte> all(encoded.bytes);
    EXPECT_TRUE(decode(all, values.size()));
    EXPECT_FALSE(decode(all.first(all.size() - 1), values.size())) << "truncated";
    EXPECT_FALSE(decode(all, values.size() - 1)) << "bytes left over";
    std::vector<std::byte> endless(all.begin(), all.end());
    for (std::size_t i = endless.size() - 12; i < endless.size(); ++i)
        endless[i] = std::byte{0xFF}; // a varint that never ends
    EXPECT_FALSE(decode(endless, values.size()));
    EXPECT_FALSE(ColumnCodec::decode(static_cast<ColumnEncoding>(9), all, 4, false, values.size(),
                                     reinterpret_cast<std::byte*>(out.data())))
        << "unknown encoding";
    EXPECT_FALSE(
        ColumnCodec::decode(encoded.encoding, all, 4, false, all.size() + 1, reinterpret_cast<std::byte*>(out.data())))
        << "more values than bytes";
}

namespace {

// Decodes `encoded` in pieces of `piece` values; nullopt when a piece or the end is refused.
template <typename T>
std::optional<std::vector<T>> inPieces(const ColumnCodec::Encoded& encoded, std::span<const std::byte> bytes,
                                       std::size_t count, std::size_t piece) {
    ColumnCodec::Pieces pieces(encoded.encoding, bytes, sizeof(T), ColumnCodec::isSigned<T>());
    std::vector<T> out, buffer(piece);
    for (std::size_t done = 0; done < count; done += piece) {
        const std::size_t n = std::min(piece, count - done);
        if (!pieces.next(n, reinterpret_cast<std::byte*>(buffer.data())))
            return std::nullopt;
        out.insert(out.end(), buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(n));
    }
    if (!pieces.finished())
        return std::nullopt;
    return out;
}

} // namespace

TEST(ColumnCodec, PiecesOfAnySizeGiveTheWholeColumnsValues) {
    // Sorted times (delta), small ids with none (varint) and random words (raw),
    // read in pieces that split the column anywhere, and of one value.
    std::mt19937_64 rng(7);
    std::vector<std::int64_t> times;
    std::vector<std::uint32_t> ids;
    std::vector<std::uint64_t> words;
    std::int64_t t = 1'000'000;
    for (int i = 0; i < 10'000; ++i) {
        t += static_cast<std::int64_t>(rng() % 5000);
        times.push_back(i % 97 == 0 ? kNoTime : t);
        ids.push_back(i % 13 == 0 ? kNoTask : static_cast<std::uint32_t>(rng() % 300));
        words.push_back(rng());
    }
    auto check = [](const auto& values, ColumnEncoding expected) {
        using T = typename std::decay_t<decltype(values)>::value_type;
        const auto encoded = ColumnCodec::encode(std::span<const T>(values));
        ASSERT_EQ(encoded.encoding, expected);
        const auto* raw = reinterpret_cast<const std::byte*>(values.data());
        const std::span<const std::byte> bytes = encoded.encoding == ColumnEncoding::Raw
                                                     ? std::span<const std::byte>(raw, values.size() * sizeof(T))
                                                     : std::span<const std::byte>(encoded.bytes);
        for (std::size_t piece : {std::size_t{1}, std::size_t{7}, std::size_t{4096}, values.size()}) {
            auto out = inPieces<T>(encoded, bytes, values.size(), piece);
            ASSERT_TRUE(out.has_value()) << "pieces of " << piece;
            EXPECT_EQ(*out, values) << "pieces of " << piece;
        }
        EXPECT_FALSE(inPieces<T>(encoded, bytes.first(bytes.size() - 1), values.size(), 4096)) << "truncated";
        EXPECT_FALSE(inPieces<T>(encoded, bytes, values.size() - 1, 4096)) << "bytes left over";
    };
    check(times, ColumnEncoding::Delta);
    check(ids, ColumnEncoding::Varint);
    check(words, ColumnEncoding::Raw);
}
