#include "store/SqlConsole.h"

#include "store/SessionFile.h"

#include <sqlite3.h>

#include <cstdio>
#include <utility>

namespace aioscope::store {

Result<SqlConsole> SqlConsole::open(const std::string& path) {
    const bool hadSidecars = SessionFile::hasWalSidecars(path);
    auto db = SessionFile::openForReading(path);
    if (!db)
        return db.error();
    if (auto r = db->exec("PRAGMA query_only = 1"); !r)
        return r.error();
    // A read-only console must not reach other files either.
    sqlite3_limit(db->handle(), SQLITE_LIMIT_ATTACHED, 0);
    SqlConsole console(std::move(*db), hadSidecars);
    return console;
}

SqlConsole::SqlConsole(SqlConsole&& other) noexcept
    : db_(std::move(other.db_)), hadSidecars_(std::exchange(other.hadSidecars_, true)) {}

SqlConsole::~SqlConsole() {
    if (!db_.isOpen())
        return;
    const std::string path = db_.path();
    db_.close();
    if (!hadSidecars_)
        SessionFile::removeWalSidecars(path);
}

void SqlConsole::interrupt() {
    interrupted_ = true;
    if (db_.isOpen())
        sqlite3_interrupt(db_.handle());
}

int SqlConsole::onProgress(void* p) {
    auto* self = static_cast<SqlConsole*>(p);
    if (self->interrupted_)
        return 1;
    if (std::chrono::steady_clock::now() >= self->deadline_) {
        self->timedOut_ = true;
        return 1;
    }
    return 0;
}

Result<void> SqlConsole::run(std::string_view sql, std::chrono::milliseconds timeout, const Sink& sink) {
    failure_ = Failure::None;
    interrupted_ = false;
    timedOut_ = false;
    deadline_ = std::chrono::steady_clock::now() + timeout;
    // The handler lives on the connection and points at this object, so set it per run.
    sqlite3_progress_handler(db_.handle(), 1000, &SqlConsole::onProgress, this);

    auto fail = [&](Failure why, std::string message) -> Result<void> {
        failure_ = why;
        return makeError(std::move(message));
    };
    const char* cursor = sql.data();
    const char* end = sql.data() + sql.size();
    while (cursor < end) {
        sqlite3_stmt* raw = nullptr;
        const char* tail = nullptr;
        if (sqlite3_prepare_v2(db_.handle(), cursor, static_cast<int>(end - cursor), &raw, &tail) != SQLITE_OK)
            return fail(Failure::BadQuery, "SQL error: " + std::string(sqlite3_errmsg(db_.handle())));
        cursor = tail;
        if (!raw)
            continue; // whitespace or a comment
        Statement stmt(raw, &db_);
        const int n = stmt.columnCount();
        if (n > 0 && sink.columns) {
            std::vector<std::string> names;
            for (int i = 0; i < n; ++i)
                names.emplace_back(stmt.columnName(i));
            sink.columns(names);
        }
        std::vector<SqlValue> row(static_cast<std::size_t>(n));
        for (;;) {
            const int rc = sqlite3_step(raw);
            if (rc == SQLITE_DONE)
                break;
            if (rc != SQLITE_ROW) {
                if (rc == SQLITE_INTERRUPT && timedOut_) {
                    char seconds[32];
                    std::snprintf(seconds, sizeof seconds, "%g", static_cast<double>(timeout.count()) / 1000.0);
                    return fail(Failure::TimedOut, std::string("query interrupted: it ran longer than the ") +
                                                       seconds + " s time limit (narrow it, or raise --timeout)");
                }
                if (rc == SQLITE_INTERRUPT)
                    return fail(Failure::Interrupted, "query interrupted");
                const int primary = rc & 0xff;
                const bool refusedWrite = primary == SQLITE_READONLY || primary == SQLITE_AUTH;
                return fail(refusedWrite ? Failure::BadQuery : Failure::Failed,
                            std::string(refusedWrite ? "refused (the SQL console is read-only): " : "SQL error: ") +
                                sqlite3_errmsg(db_.handle()));
            }
            for (int i = 0; i < n; ++i) {
                SqlValue& v = row[static_cast<std::size_t>(i)];
                switch (sqlite3_column_type(raw, i)) {
                case SQLITE_INTEGER: v.type = SqlValue::Type::Integer; v.integer = stmt.columnInt64(i); break;
                case SQLITE_FLOAT: v.type = SqlValue::Type::Real; v.real = stmt.columnDouble(i); break;
                case SQLITE_TEXT: v.type = SqlValue::Type::Text; v.text = stmt.columnText(i); break;
                case SQLITE_BLOB:
                    v.type = SqlValue::Type::Blob;
                    v.text = "<blob " + std::to_string(sqlite3_column_bytes(raw, i)) + " bytes>";
                    break;
                default: v.type = SqlValue::Type::Null; break;
                }
            }
            if (sink.row && !sink.row(row))
                break;
        }
    }
    return {};
}

} // namespace aioscope::store
