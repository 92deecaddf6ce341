#include "store/Statement.h"

#include "store/Database.h"

#include <sqlite3.h>

#include <utility>

namespace aioscope::store {

Statement::~Statement() {
    if (stmt_)
        sqlite3_finalize(stmt_);
}

Statement::Statement(Statement&& other) noexcept
    : stmt_(std::exchange(other.stmt_, nullptr)), db_(std::exchange(other.db_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        if (stmt_)
            sqlite3_finalize(stmt_);
        stmt_ = std::exchange(other.stmt_, nullptr);
        db_ = std::exchange(other.db_, nullptr);
    }
    return *this;
}

Statement& Statement::bind(int index, std::int64_t v) {
    sqlite3_bind_int64(stmt_, index, v);
    return *this;
}

Statement& Statement::bind(int index, double v) {
    sqlite3_bind_double(stmt_, index, v);
    return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
    // SQLITE_TRANSIENT: callers bind temporaries.
    sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    return *this;
}

Statement& Statement::bindBlob(int index, std::span<const std::byte> data) {
    // SQLITE_STATIC: the caller keeps the buffer alive until step(); avoids copying large columns.
    sqlite3_bind_blob64(stmt_, index, data.empty() ? "" : static_cast<const void*>(data.data()), data.size(),
                        SQLITE_STATIC);
    return *this;
}

Statement& Statement::bindNull(int index) {
    sqlite3_bind_null(stmt_, index);
    return *this;
}

Result<bool> Statement::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    const char* sql = sqlite3_sql(stmt_);
    std::string what = "query failed";
    if (sql)
        what += " ('" + std::string(sql).substr(0, 60) + "')";
    Error e = db_ ? db_->error(what) : makeError(what);
    sqlite3_reset(stmt_);
    return e;
}

Result<void> Statement::run() {
    auto r = step();
    sqlite3_reset(stmt_);
    if (!r)
        return r.error();
    return {};
}

void Statement::reset() { sqlite3_reset(stmt_); }

int Statement::columnCount() const { return sqlite3_column_count(stmt_); }
const char* Statement::columnName(int i) const { return sqlite3_column_name(stmt_, i); }
int Statement::columnType(int i) const { return sqlite3_column_type(stmt_, i); }
bool Statement::isNull(int i) const { return sqlite3_column_type(stmt_, i) == SQLITE_NULL; }
std::int64_t Statement::columnInt64(int i) const { return sqlite3_column_int64(stmt_, i); }
double Statement::columnDouble(int i) const { return sqlite3_column_double(stmt_, i); }

std::string Statement::columnText(int i) const {
    const auto* p = sqlite3_column_text(stmt_, i);
    const int n = sqlite3_column_bytes(stmt_, i);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n)) : std::string();
}

std::span<const std::byte> Statement::columnBlob(int i) const {
    const void* p = sqlite3_column_blob(stmt_, i);
    const int n = sqlite3_column_bytes(stmt_, i);
    if (!p || n <= 0)
        return {};
    return {static_cast<const std::byte*>(p), static_cast<std::size_t>(n)};
}

} // namespace aioscope::store
