#pragma once
#include "model/HugePages.h"
#include "model/PagePrefault.h"
#include "model/Result.h"
#include "store/ColumnCodec.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace aioscope::store {

class Database;

// Reads the packed columns of one run back from run_columns or event_columns,
// the one loader for both: checks each column's width, count and encoding,
// decodes it, and compares the checksum of the values (SQLite does not
// checksum BLOB pages). Sessions before schema v4 store every column raw.
class ColumnReader {
public:
    // `label` prefixes column names in messages ("events." for the event index).
    static Result<ColumnReader> open(Database& db, std::string_view table, std::int64_t runId, std::string label);

    bool has(const std::string& name) const { return columns_.count(name) != 0; }
    // The stored number of values (0 for a missing column).
    std::uint64_t count(const std::string& name) const;

    // Where a read keeps a column's encoded bytes. Reads on several threads
    // each bring their own (ColumnReadBatch); the BLOB reads themselves take
    // turns, since one SQLite connection serves them all.
    struct Scratch {
        SpillVector<std::byte> encoded;
    };

    template <typename T, typename Allocator>
    Result<void> read(const std::string& name, std::uint64_t expectedCount, std::vector<T, Allocator>& out) const {
        return read(name, expectedCount, out, *scratch_);
    }
    template <typename T, typename Allocator>
    Result<void> read(const std::string& name, std::uint64_t expectedCount, std::vector<T, Allocator>& out,
                      Scratch& scratch) const {
        auto size = check(name, sizeof(T), expectedCount);
        if (!size)
            return size.error();
        // A fresh anonymous column faults in once per 2 MiB, not per 4 KiB (a spilled one is a file: no advice).
        out.clear();
        out.reserve(expectedCount);
        HugePages::adviseCapacity(out);
        PagePrefault::populateUpTo(out, expectedCount);
        // Decoded through a small buffer and appended: the column's pages are
        // written once, instead of zeroed by resize() and then written again.
        alignas(8) std::byte piece[kPieceValues * sizeof(T)];
        auto r = loadPieces(name, sizeof(T), ColumnCodec::isSigned<T>(), *size, scratch, piece, kPieceValues,
                            [&](std::size_t values) {
                                const T* first = reinterpret_cast<const T*>(piece);
                                out.insert(out.end(), first, first + values);
                            });
        if (!r)
            return r;
        return checkSum(
            name, std::span<const std::byte>(reinterpret_cast<const std::byte*>(out.data()), out.size() * sizeof(T)));
    }
    // The same into `out`, which has room for expectedCount values of T (a scratch buffer reused across columns).
    template <typename T>
    Result<void> readInto(const std::string& name, std::uint64_t expectedCount, std::byte* out) const {
        auto size = check(name, sizeof(T), expectedCount);
        if (!size)
            return size.error();
        return load(name, sizeof(T), ColumnCodec::isSigned<T>(), *size, out);
    }

private:
    struct Stored {
        std::int64_t rowid = 0;
        std::uint32_t width = 0;
        std::uint64_t count = 0;
        std::uint64_t checksum = 0;
        ColumnEncoding encoding = ColumnEncoding::Raw;
        std::uint64_t size = 0;
    };
    ColumnReader(Database& db, std::string table, std::string label)
        : db_(&db), table_(std::move(table)), label_(std::move(label)) {}
    // The stored column's byte size, once its shape is what the reader expects.
    Result<std::uint64_t> check(const std::string& name, std::uint32_t width, std::uint64_t expectedCount) const;
    Result<void> load(const std::string& name, std::uint32_t width, bool isSigned, std::uint64_t size,
                      std::byte* out) const;
    static constexpr std::size_t kPieceValues = 4096;
    // Decodes the column `pieceValues` values at a time into `piece`, calling
    // `taken(values)` after each; the checksum is the caller's (checkSum).
    Result<void> loadPieces(const std::string& name, std::uint32_t width, bool isSigned, std::uint64_t size,
                            Scratch& scratch, std::byte* piece, std::size_t pieceValues,
                            const std::function<void(std::size_t)>& taken) const;
    Result<void> checkSum(const std::string& name, std::span<const std::byte> values) const;
    Error corrupt(const std::string& name, const std::string& what) const;
    Error undecodable(const std::string& name) const;
    // The stored bytes of `c` into `dst`, one reader at a time.
    Result<void> readBlob(const Stored& c, void* dst, std::uint64_t size) const;

    Database* db_;
    std::string table_;
    std::string label_;
    std::map<std::string, Stored> columns_;
    // Held by pointer so the reader stays movable (it is returned in a Result).
    std::unique_ptr<Scratch> scratch_ = std::make_unique<Scratch>(); // for reads that bring none
    std::unique_ptr<std::mutex> blobMutex_ = std::make_unique<std::mutex>();
};

} // namespace aioscope::store
