#include "store/ColumnReader.h"

#include "store/ColumnBlob.h"
#include "store/Database.h"

#include <algorithm>

namespace aioscope::store {

Result<ColumnReader> ColumnReader::open(Database& db, std::string_view table, std::int64_t runId, std::string label) {
    auto version = db.queryInt("PRAGMA user_version");
    if (!version)
        return version.error();
    ColumnReader reader(db, std::string(table), std::move(label));
    // Schema v4 added the encoding; earlier columns are raw arrays.
    auto stmt = db.prepare("SELECT rowid, name, width, count, checksum, " + std::string(*version >= 4 ? "codec" : "0") +
                           ", length(data) FROM " + reader.table_ + " WHERE run_id = ?");
    if (!stmt)
        return stmt.error();
    stmt->bind(1, runId);
    Result<bool> row = false;
    while ((row = stmt->step()) && *row) {
        Stored c;
        c.rowid = stmt->columnInt64(0);
        c.width = static_cast<std::uint32_t>(stmt->columnInt64(2));
        c.count = static_cast<std::uint64_t>(stmt->columnInt64(3));
        c.checksum = static_cast<std::uint64_t>(stmt->columnInt64(4));
        c.encoding = static_cast<ColumnEncoding>(stmt->columnInt64(5));
        c.size = static_cast<std::uint64_t>(stmt->columnInt64(6));
        reader.columns_[stmt->columnText(1)] = c;
    }
    if (!row)
        return row.error();
    return reader;
}

std::uint64_t ColumnReader::count(const std::string& name) const {
    auto it = columns_.find(name);
    return it == columns_.end() ? 0 : it->second.count;
}

Error ColumnReader::corrupt(const std::string& name, const std::string& what) const {
    return makeError(db_->path() + ": corrupt session: column " + label_ + name + " " + what);
}

Result<std::uint64_t> ColumnReader::check(const std::string& name, std::uint32_t width,
                                          std::uint64_t expectedCount) const {
    auto it = columns_.find(name);
    if (it == columns_.end())
        return corrupt(name, "is missing");
    const Stored& c = it->second;
    // Counts come from the file: one that cannot fit in memory is damage, not an allocation to try.
    if (expectedCount > (std::uint64_t{1} << 40) / width)
        return corrupt(name, "claims " + std::to_string(expectedCount) + " values");
    if (c.width != width)
        return corrupt(name, "has " + std::to_string(c.width) + "-byte values, expected " + std::to_string(width));
    if (c.count != expectedCount)
        return corrupt(name, "has " + std::to_string(c.count) + " values, expected " + std::to_string(expectedCount));
    if (c.encoding == ColumnEncoding::Raw && c.size != c.count * c.width)
        return corrupt(name,
                       "holds " + std::to_string(c.size) + " bytes, expected " + std::to_string(c.count * c.width));
    // An encoded value takes at least one byte: more values than bytes is damage (and no reason to allocate).
    if (c.encoding != ColumnEncoding::Raw && c.count > c.size)
        return corrupt(name, "holds " + std::to_string(c.size) + " bytes, too few for " + std::to_string(c.count) +
                                 " values");
    return c.size;
}

Result<void> ColumnReader::load(const std::string& name, std::uint32_t width, bool isSigned, std::uint64_t size,
                                std::byte* out) const {
    const Stored& c = columns_.at(name);
    const std::uint64_t rawSize = c.count * width;
    if (c.encoding == ColumnEncoding::Raw) {
        if (auto r = readBlob(c, out, size); !r)
            return r;
    } else {
        auto& encoded = scratch_->encoded;
        if (encoded.size() < size)
            encoded.resize(size);
        if (auto r = readBlob(c, encoded.data(), size); !r)
            return r;
        if (!ColumnCodec::decode(c.encoding, std::span<const std::byte>(encoded.data(), size), width, isSigned, c.count,
                                 out))
            return undecodable(name);
    }
    return checkSum(name, std::span<const std::byte>(out, rawSize));
}

Result<void> ColumnReader::readBlob(const Stored& c, void* dst, std::uint64_t size) const {
    std::lock_guard lock(*blobMutex_);
    return db_->readBlob(table_.c_str(), "data", c.rowid, dst, size);
}

Result<void> ColumnReader::loadPieces(const std::string& name, std::uint32_t width, bool isSigned, std::uint64_t size,
                                      Scratch& scratch, std::byte* piece, std::size_t pieceValues,
                                      const std::function<void(std::size_t)>& taken) const {
    const Stored& c = columns_.at(name);
    auto& encoded = scratch.encoded;
    if (encoded.size() < size)
        encoded.resize(size);
    if (auto r = readBlob(c, encoded.data(), size); !r)
        return r;
    ColumnCodec::Pieces pieces(c.encoding, std::span<const std::byte>(encoded.data(), size), width, isSigned);
    for (std::uint64_t done = 0; done < c.count;) {
        const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(pieceValues, c.count - done));
        if (!pieces.next(n, piece))
            return undecodable(name);
        taken(n);
        done += n;
    }
    if (!pieces.finished())
        return undecodable(name);
    return {};
}

Error ColumnReader::undecodable(const std::string& name) const {
    return corrupt(name,
                   "cannot be decoded (encoding " + std::to_string(static_cast<int>(columns_.at(name).encoding)) + ")");
}

Result<void> ColumnReader::checkSum(const std::string& name, std::span<const std::byte> values) const {
    if (ColumnBlob::checksumOf(values) != columns_.at(name).checksum)
        return corrupt(name, "fails its checksum");
    return {};
}

} // namespace aioscope::store
