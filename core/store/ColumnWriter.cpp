#include "store/ColumnWriter.h"

#include "store/Database.h"

#include <string>

namespace aioscope::store {

Result<ColumnWriter> ColumnWriter::prepare(Database& db, std::string_view table, std::int64_t runId) {
    auto stmt = db.prepare("INSERT INTO " + std::string(table) +
                           "(run_id, name, width, count, checksum, codec, data) VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!stmt)
        return stmt.error();
    return ColumnWriter(std::move(*stmt), runId);
}

Result<void> ColumnWriter::insert(std::string_view name, std::size_t width, std::size_t count, std::uint64_t checksum,
                                  ColumnEncoding encoding, std::span<const std::byte> data) {
    stmt_.bind(1, runId_).bind(2, name).bind(3, static_cast<std::int64_t>(width));
    stmt_.bind(4, static_cast<std::int64_t>(count)).bind(5, static_cast<std::int64_t>(checksum));
    stmt_.bind(6, static_cast<std::int64_t>(encoding));
    stmt_.bindBlob(7, data);
    return stmt_.run();
}

} // namespace aioscope::store
