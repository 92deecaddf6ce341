#include "store/Database.h"

#include <sqlite3.h>

#include <utility>

namespace aioscope::store {

namespace {
// Encodes a path for a file: URI (RFC 3986 percent-encoding of the few
// characters SQLite's URI parser treats specially).
std::string uriPath(const std::string& path) {
    std::string out = "file:";
    for (unsigned char c : path) {
        if (c == '%' || c == '?' || c == '#' || c < 0x20 || c >= 0x7f) {
            static const char* hex = "0123456789ABCDEF";
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}
} // namespace

Database::~Database() { close(); }

Database::Database(Database&& other) noexcept : db_(std::exchange(other.db_, nullptr)), path_(std::move(other.path_)) {}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        close();
        db_ = std::exchange(other.db_, nullptr);
        path_ = std::move(other.path_);
    }
    return *this;
}

void Database::close() {
    if (db_) {
        sqlite3_close_v2(db_);
        db_ = nullptr;
    }
}

Result<Database> Database::open(const std::string& path, Mode mode, bool immutable) {
    Database db;
    db.path_ = path;
    int flags = SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX;
    switch (mode) {
    case Mode::ReadOnly: flags |= SQLITE_OPEN_READONLY; break;
    case Mode::ReadWrite: flags |= SQLITE_OPEN_READWRITE; break;
    case Mode::Create: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
    }
    std::string uri = uriPath(path);
    if (immutable)
        uri += "?immutable=1";
    const int rc = sqlite3_open_v2(uri.c_str(), &db.db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = path + ": cannot open: " + (db.db_ ? sqlite3_errmsg(db.db_) : sqlite3_errstr(rc));
        return makeError(std::move(message));
    }
    sqlite3_extended_result_codes(db.db_, 1);
    // Another process (the GUI adding an annotation) may hold the write lock briefly.
    sqlite3_busy_timeout(db.db_, 2000);
    return db;
}

Error Database::error(std::string_view what) const {
    std::string message = path_;
    message += ": ";
    message += what;
    if (db_) {
        message += ": ";
        message += sqlite3_errmsg(db_);
    }
    return makeError(std::move(message));
}

Result<void> Database::exec(std::string_view sql) {
    char* err = nullptr;
    const std::string text(sql);
    if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        std::string message = path_ + ": " + (err ? err : "SQL failed");
        sqlite3_free(err);
        return makeError(std::move(message));
    }
    return {};
}

Result<Statement> Database::prepare(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, &tail) !=
        SQLITE_OK)
        return error("cannot prepare '" + std::string(sql.substr(0, 60)) + "'");
    return Statement(stmt, this);
}

Result<std::int64_t> Database::queryInt(std::string_view sql) {
    auto stmt = prepare(sql);
    if (!stmt)
        return stmt.error();
    auto row = stmt->step();
    if (!row)
        return row.error();
    if (!*row)
        return error("no result for '" + std::string(sql) + "'");
    return stmt->columnInt64(0);
}

Result<void> Database::readBlob(const char* table, const char* column, std::int64_t rowid, void* dst,
                                std::size_t size) {
    sqlite3_blob* blob = nullptr;
    if (sqlite3_blob_open(db_, "main", table, column, rowid, 0, &blob) != SQLITE_OK)
        return error(std::string("cannot read ") + table + "." + column);
    Result<void> result;
    if (static_cast<std::size_t>(sqlite3_blob_bytes(blob)) != size)
        result = makeError(path_ + ": corrupt session: " + table + "." + column + " has an unexpected size");
    else if (size && sqlite3_blob_read(blob, dst, static_cast<int>(size), 0) != SQLITE_OK)
        result = error(std::string("cannot read ") + table + "." + column);
    sqlite3_blob_close(blob);
    return result;
}

std::int64_t Database::lastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }

} // namespace aioscope::store
