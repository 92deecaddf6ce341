#pragma once
#include "model/Result.h"
#include "store/Statement.h"

#include <string>
#include <string_view>

struct sqlite3;

namespace aioscope::store {

// One sqlite3 connection. Every error message names the file, so a user can
// tell which session failed and why.
class Database {
public:
    enum class Mode { ReadOnly, ReadWrite, Create };

    Database() = default;
    ~Database();
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // `immutable` opens through a URI that tells SQLite nobody else writes the
    // file: the only way to read a WAL file in a directory we cannot write.
    static Result<Database> open(const std::string& path, Mode mode, bool immutable = false);

    Result<void> exec(std::string_view sql);
    Result<Statement> prepare(std::string_view sql);
    // Runs a query that returns one integer (PRAGMA user_version, COUNT(*)).
    Result<std::int64_t> queryInt(std::string_view sql);

    // Copies a whole BLOB straight into `dst` (no intermediate buffer).
    Result<void> readBlob(const char* table, const char* column, std::int64_t rowid, void* dst, std::size_t size);

    // "PATH: WHAT: sqlite's message".
    Error error(std::string_view what) const;
    const std::string& path() const { return path_; }
    sqlite3* handle() const { return db_; }
    bool isOpen() const { return db_ != nullptr; }
    std::int64_t lastInsertRowId() const;
    void close();

private:
    sqlite3* db_ = nullptr;
    std::string path_;
};

} // namespace aioscope::store
