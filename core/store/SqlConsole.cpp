#include "store/SqlConsole.h"

#include "store/SessionFile.h"
#include "store/SessionRowTables.h"

#include <sqlite3.h>

#include <cstdio>
#include <utility>

namespace aioscope::store {

namespace {

// Left in the refusal slot by the authorizer: not a refusal, a PRAGMA it allowed.
constexpr const char* kReportingPragma = "\x01reporting pragma";

// PRAGMAs that only report (an argument names what to report on).
bool isQueryPragma(std::string_view name) {
    for (std::string_view p :
         {"table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo", "foreign_key_list",
          "foreign_key_check", "integrity_check", "quick_check", "database_list", "collation_list", "function_list",
          "module_list", "pragma_list", "compile_options"})
        if (name == p)
            return true;
    return false;
}

// PRAGMAs whose value may be read (without an argument; with one they set it).
bool isReadablePragma(std::string_view name) {
    for (std::string_view p : {"application_id", "user_version", "schema_version", "page_size", "page_count",
                               "freelist_count", "encoding", "journal_mode", "foreign_keys", "data_version"})
        if (name == p)
            return true;
    return false;
}

} // namespace

Result<SqlConsole> SqlConsole::open(const std::string& path) {
    const bool hadSidecars = SessionFile::hasWalSidecars(path);
    auto db = SessionFile::openForReading(path);
    // A read-only open of a WAL file creates PATH-wal and PATH-shm even when
    // it then fails (a damaged session): leave the folder as it was.
    auto cleanUp = [&] {
        if (!hadSidecars)
            SessionFile::removeWalSidecars(path);
    };
    if (!db) {
        cleanUp();
        return db.error();
    }
    if (auto r = db->exec("PRAGMA query_only = 1"); !r) {
        db->close();
        cleanUp();
        return r.error();
    }
    // A read-only console must not reach other files either.
    sqlite3_limit(db->handle(), SQLITE_LIMIT_ATTACHED, 0);
    // The readable rows (request_rows, checks, ...) are not stored: they are generated from the columns.
    // Installed before the authorizer, which would refuse what SQLite does to set them up.
    if (auto r = SessionRowTables::install(db->handle(), path); !r) {
        db->close();
        cleanUp();
        return r.error();
    }
    SqlConsole console(std::move(*db), hadSidecars);
    sqlite3_set_authorizer(console.db_.handle(), &SqlConsole::onAuthorize, &console.refusal_);
    return console;
}

int SqlConsole::onAuthorize(void* refusal, int action, const char* a, const char* b, const char*, const char*) {
    auto* why = static_cast<std::string*>(refusal);
    const std::string_view first = a ? a : "";
    switch (action) {
    case SQLITE_SELECT:
    case SQLITE_READ:
    case SQLITE_RECURSIVE: return SQLITE_OK;
    case SQLITE_FUNCTION:
        if (b && std::string_view(b) == "load_extension") {
            *why = "load_extension() is not allowed";
            return SQLITE_DENY;
        }
        return SQLITE_OK;
    case SQLITE_PRAGMA:
        if (isQueryPragma(first) || (!b && isReadablePragma(first))) {
            // sqlite3_stmt_readonly is false for some that only report (journal_mode).
            why->assign(kReportingPragma);
            return SQLITE_OK;
        }
        *why = "PRAGMA " + std::string(first) + (b ? " = " + std::string(b) : std::string()) + " is not allowed";
        return SQLITE_DENY;
    case SQLITE_ATTACH:
    case SQLITE_DETACH:
        *why = action == SQLITE_ATTACH ? "ATTACH is not allowed" : "DETACH is not allowed";
        return SQLITE_DENY;
    default: *why = "only SELECT, WITH and reporting PRAGMAs are allowed"; return SQLITE_DENY;
    }
}

void SqlConsole::limitMemory(std::int64_t bytes) {
    sqlite3_hard_heap_limit64(bytes);
}

SqlConsole::SqlConsole(SqlConsole&& other) noexcept
    : db_(std::move(other.db_)), hadSidecars_(std::exchange(other.hadSidecars_, true)) {
    // The authorizer reports into the object that owns the connection now.
    if (db_.isOpen())
        sqlite3_set_authorizer(db_.handle(), &SqlConsole::onAuthorize, &refusal_);
}

SqlConsole::~SqlConsole() {
    if (!db_.isOpen())
        return;
    const std::string path = db_.path();
    db_.close();
    if (!hadSidecars_)
        SessionFile::removeWalSidecars(path);
}

std::string SqlConsole::outOfMemory() {
    const std::int64_t limit = sqlite3_hard_heap_limit64(-1);
    if (limit <= 0)
        return "query stopped: out of memory";
    return "query stopped: it needs more than the " + std::to_string(limit >> 20) +
           " MiB of memory a query may use (narrow it)";
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
    // Often enough that a few instructions copying huge strings cannot outrun the deadline.
    sqlite3_progress_handler(db_.handle(), 64, &SqlConsole::onProgress, this);

    auto fail = [&](Failure why, std::string message) -> Result<void> {
        failure_ = why;
        return makeError(std::move(message));
    };
    const char* cursor = sql.data();
    const char* end = sql.data() + sql.size();
    while (cursor < end) {
        sqlite3_stmt* raw = nullptr;
        const char* tail = nullptr;
        refusal_.clear();
        const int prepared = sqlite3_prepare_v2(db_.handle(), cursor, static_cast<int>(end - cursor), &raw, &tail);
        const bool reportingPragma = refusal_ == kReportingPragma;
        if (reportingPragma)
            refusal_.clear();
        if (prepared != SQLITE_OK) {
            if (!refusal_.empty())
                return fail(Failure::BadQuery, "refused (the SQL console is read-only): " + refusal_);
            if ((prepared & 0xff) == SQLITE_NOMEM)
                return fail(Failure::Failed, outOfMemory());
            // Generated tables (SessionRowTables) refuse writes before the authorizer sees them.
            const std::string message = sqlite3_errmsg(db_.handle());
            if (message.ends_with("may not be modified"))
                return fail(Failure::BadQuery, "refused (the SQL console is read-only): " + message);
            return fail(Failure::BadQuery, "SQL error: " + message);
        }
        cursor = tail;
        if (!raw)
            continue; // whitespace or a comment
        Statement stmt(raw, &db_);
        if (!sqlite3_stmt_readonly(raw) && !reportingPragma) // VACUUM and the like, which the authorizer does not see
            return fail(Failure::BadQuery,
                        "refused (the SQL console is read-only): the statement would change the file");
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
                if (primary == SQLITE_NOMEM)
                    return fail(Failure::Failed, outOfMemory());
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
