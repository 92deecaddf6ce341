#pragma once
#include "model/Result.h"
#include "store/ColumnBlob.h"
#include "store/ColumnCodec.h"
#include "store/Statement.h"

#include <cstdint>
#include <span>
#include <string_view>

namespace aioscope::store {

class Database;

// Writes the packed columns of one run into run_columns or event_columns (one
// row per column: name, value width, count, checksum of the values, encoding, BLOB).
class ColumnWriter {
public:
    static Result<ColumnWriter> prepare(Database& db, std::string_view table, std::int64_t runId);

    template <typename T> Result<void> write(std::string_view name, std::span<const T> values) {
        const auto raw = ColumnBlob::bytesOf(values);
        const ColumnCodec::Encoded encoded = ColumnCodec::encode(values);
        return insert(name, sizeof(T), values.size(), ColumnBlob::checksumOf(raw), encoded.encoding,
                      encoded.encoding == ColumnEncoding::Raw ? raw : std::span<const std::byte>(encoded.bytes));
    }

private:
    ColumnWriter(Statement stmt, std::int64_t runId) : stmt_(std::move(stmt)), runId_(runId) {}
    Result<void> insert(std::string_view name, std::size_t width, std::size_t count, std::uint64_t checksum,
                        ColumnEncoding encoding, std::span<const std::byte> data);

    Statement stmt_;
    std::int64_t runId_;
};

} // namespace aioscope::store
