#pragma once
#include "model/Result.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

struct sqlite3_stmt;

namespace aioscope::store {

class Database;

// One prepared statement. Parameters are 1-based, columns 0-based, as in
// SQLite. step() returns true while there is a row.
class Statement {
public:
    Statement() = default;
    Statement(sqlite3_stmt* stmt, const Database* db) : stmt_(stmt), db_(db) {}
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, std::int64_t v);
    Statement& bind(int index, double v);
    Statement& bind(int index, std::string_view text);
    Statement& bindBlob(int index, std::span<const std::byte> data);
    Statement& bindNull(int index);

    Result<bool> step();
    // Steps once and expects no row (INSERT, UPDATE, DELETE), then resets.
    Result<void> run();
    void reset();

    int columnCount() const;
    const char* columnName(int i) const;
    int columnType(int i) const; // SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB, SQLITE_NULL
    bool isNull(int i) const;
    std::int64_t columnInt64(int i) const;
    double columnDouble(int i) const;
    std::string columnText(int i) const;
    std::span<const std::byte> columnBlob(int i) const;

    sqlite3_stmt* handle() const { return stmt_; }

private:
    sqlite3_stmt* stmt_ = nullptr;
    const Database* db_ = nullptr;
};

} // namespace aioscope::store
