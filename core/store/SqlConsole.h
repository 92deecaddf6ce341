#pragma once
#include "model/Result.h"
#include "store/Database.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace aioscope::store {

// One value of a query result, typed as SQLite returned it.
struct SqlValue {
    enum class Type { Null, Integer, Real, Text, Blob };
    Type type = Type::Null;
    std::int64_t integer = 0;
    double real = 0;
    std::string text; // Text; for Blob a "<blob N bytes>" placeholder
};

// A read-only SQL console on a session file, for `aioscope sql` and the GUI's
// console dock: the connection is opened read-only with PRAGMA query_only, no
// ATTACH, and every query stops at its deadline or on interrupt().
class SqlConsole {
public:
    enum class Failure { None, BadQuery, Interrupted, TimedOut, Failed };
    struct Sink {
        std::function<void(const std::vector<std::string>& columns)> columns;
        std::function<bool(const std::vector<SqlValue>& row)> row; // false stops
    };

    static Result<SqlConsole> open(const std::string& path);
    // Caps the memory SQLite may hold in this process (sqlite3_hard_heap_limit64):
    // a query building a huge string fails with a clear message instead of
    // growing until the OOM killer ends the process.
    static void limitMemory(std::int64_t bytes);

    SqlConsole(SqlConsole&& other) noexcept;
    SqlConsole& operator=(SqlConsole&&) = delete;
    ~SqlConsole();

    // Runs every statement in `sql`; rows of statements that return rows go to `sink`.
    Result<void> run(std::string_view sql, std::chrono::milliseconds timeout, const Sink& sink);
    // Why the last run() failed.
    Failure lastFailure() const { return failure_; }
    // Thread-safe: stops the running query (the GUI's Stop button).
    void interrupt();
    const std::string& path() const { return db_.path(); }

private:
    SqlConsole(Database db, bool hadSidecars) : db_(std::move(db)), hadSidecars_(hadSidecars) {}
    static int onProgress(void* self);
    static int onAuthorize(void* refusal, int action, const char* a, const char* b, const char* db,
                           const char* trigger);
    static std::string outOfMemory();
    Database db_;
    bool hadSidecars_ = true;
    std::chrono::steady_clock::time_point deadline_{};
    std::atomic<bool> interrupted_{false};
    bool timedOut_ = false;
    Failure failure_ = Failure::None;
    std::string refusal_; // what the authorizer refused in the statement being prepared
};

} // namespace aioscope::store
