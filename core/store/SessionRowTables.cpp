#include "store/SessionRowTables.h"

#include "model/Session.h"
#include "store/SessionFile.h"
#include "store/SessionReader.h"

#include <sqlite3.h>

#include <algorithm>
#include <limits>
#include <memory>
#include <optional>

namespace aioscope::store {

namespace {

enum class Kind { Requests, Segments, Snapshots, Checks, LaneStates };

struct TableSpec {
    Kind kind;
    const char* name;
    const char* schema;
    bool hasId; // column 2 is `id` (lane_states has `task` there)
};

// Column order as the stored tables of schema v3 had them (v3 appended the last two of checks).
const TableSpec kTables[] = {
    {Kind::Requests, "request_rows",
     "CREATE TABLE x(key INTEGER, run_id INTEGER, id INTEGER, design INTEGER, op INTEGER, source INTEGER, "
     "fd INTEGER, file INTEGER, offset INTEGER, length INTEGER, result INTEGER, user_data INTEGER, "
     "submitter INTEGER, submit_ns INTEGER, submit_end_ns INTEGER, queued_ns INTEGER, complete_ns INTEGER, "
     "completion_observer INTEGER, first_segment INTEGER, segment_count INTEGER, submitter_snapshot INTEGER, "
     "executor_snapshot INTEGER, flags INTEGER)",
     true},
    {Kind::Segments, "segments",
     "CREATE TABLE x(key INTEGER, run_id INTEGER, id INTEGER, request INTEGER, task INTEGER, start_ns INTEGER, "
     "end_ns INTEGER)",
     true},
    {Kind::Snapshots, "snapshots",
     "CREATE TABLE x(key INTEGER, run_id INTEGER, id INTEGER, known INTEGER, tid INTEGER, pid INTEGER, uid INTEGER, "
     "euid INTEGER, fsuid INTEGER, gid INTEGER, fsgid INTEGER, cap_effective INTEGER, ioprio INTEGER, nice INTEGER, "
     "affinity_mask INTEGER, cpu INTEGER, cwd TEXT, rlimit_fsize INTEGER, blocked_signals INTEGER, taken_ns INTEGER)",
     true},
    {Kind::Checks, "checks",
     "CREATE TABLE x(key INTEGER, run_id INTEGER, id INTEGER, request INTEGER, attribute TEXT, verdict TEXT, "
     "executor INTEGER, time_ns INTEGER, executor_value TEXT, submitter_value TEXT, evidence TEXT, "
     "submitter_time_ns INTEGER, submitter_evidence TEXT)",
     true},
    {Kind::LaneStates, "lane_states",
     "CREATE TABLE x(key INTEGER, run_id INTEGER, task INTEGER, seq INTEGER, start_ns INTEGER, end_ns INTEGER, "
     "state TEXT)",
     false},
};

// One load of the session, with where each run's lane states start (they are numbered lane by lane).
struct Loaded {
    Session session;
    std::vector<std::vector<std::uint64_t>> laneStarts;

    // Lane state `flat` of run `run`: its lane and its index in that lane.
    std::pair<TaskId, std::uint32_t> laneState(std::size_t run, std::uint64_t flat) const {
        const auto& starts = laneStarts[run];
        const auto lane =
            static_cast<std::size_t>(std::upper_bound(starts.begin(), starts.end(), flat) - starts.begin()) - 1;
        return {static_cast<TaskId>(lane), static_cast<std::uint32_t>(flat - starts[lane])};
    }
};

// The session behind the tables, loaded at the first read and again after a
// change to the file (the GUI keeps its console open while runs are appended).
// Cursors hold the load they started on, so a reload never pulls rows from under one.
class LoadedSession {
public:
    LoadedSession(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}

    // Null (and `error` set) when the file cannot be read.
    std::shared_ptr<const Loaded> get(std::string& error) {
        unsigned version = 0;
        const bool known = sqlite3_file_control(db_, "main", SQLITE_FCNTL_DATA_VERSION, &version) == SQLITE_OK;
        if (!tried_ || (known && version != version_)) {
            tried_ = true;
            version_ = version;
            load();
        }
        error = error_;
        return loaded_;
    }

private:
    void load() {
        loaded_.reset();
        error_.clear();
        auto db = SessionFile::openForReading(path_);
        if (!db) {
            error_ = db.error().message;
            return;
        }
        auto s = SessionReader::read(*db);
        if (!s) {
            error_ = s.error().message;
            return;
        }
        auto loaded = std::make_shared<Loaded>();
        loaded->session = std::move(*s);
        for (const Run& run : loaded->session.runs) {
            std::vector<std::uint64_t> starts{0};
            for (TaskId t = 0; t < run.timeline.laneCount(); ++t)
                starts.push_back(starts.back() + run.timeline.states(t).start.size());
            loaded->laneStarts.push_back(std::move(starts));
        }
        loaded_ = std::move(loaded);
    }

    sqlite3* db_;
    std::string path_;
    bool tried_ = false;
    unsigned version_ = 0;
    std::shared_ptr<const Loaded> loaded_;
    std::string error_;
};

struct Module {
    const TableSpec* spec;
    std::shared_ptr<LoadedSession> session;
};

struct Table {
    sqlite3_vtab base{};
    Module* module = nullptr;
};

std::uint64_t rowsOf(Kind kind, const Run& run) {
    switch (kind) {
    case Kind::Requests: return run.requests.size();
    case Kind::Segments: return run.segments.size();
    case Kind::Snapshots: return run.snapshots.size();
    case Kind::Checks: return run.checks.size();
    case Kind::LaneStates: return run.timeline.stateCount();
    }
    return 0;
}

// idxNum bits: which constraints xFilter gets, its arguments in this order.
enum : int { kKeyEq = 1, kKeyGe = 2, kKeyGt = 4, kKeyLe = 8, kKeyLt = 16, kRunEq = 32, kIdEq = 64 };

struct Cursor {
    sqlite3_vtab_cursor base{};
    std::shared_ptr<const Loaded> loaded;
    const Session* session = nullptr;
    Module* module = nullptr;
    std::size_t run = 0;
    std::uint64_t row = 0;
    std::int64_t end = std::numeric_limits<std::int64_t>::max(); // exclusive key bound
    std::optional<std::uint64_t> id;                             // only rows with this id
    std::optional<std::size_t> onlyRun;
    // The current request, read once per row rather than once per column.
    Request request;
    bool haveRequest = false;

    std::int64_t key() const { return (static_cast<std::int64_t>(run) << 32) + static_cast<std::int64_t>(row); }
    bool eof() const { return session == nullptr || run >= session->runs.size(); }
    // Moves forward from (run, row) to the first row that exists and passes the filters.
    void settle() {
        haveRequest = false;
        while (session && run < session->runs.size()) {
            if (onlyRun && run != *onlyRun) {
                run = session->runs.size();
                break;
            }
            if (id && row < *id)
                row = *id;
            if ((id && row > *id) || row >= rowsOf(module->spec->kind, session->runs[run]) || row > 0xFFFFFFFFull) {
                ++run;
                row = 0;
                continue;
            }
            if (key() >= end)
                run = session->runs.size();
            break;
        }
    }
};

void setError(sqlite3_vtab* vtab, const std::string& message) {
    sqlite3_free(vtab->zErrMsg);
    vtab->zErrMsg = sqlite3_mprintf("%s", message.c_str());
}

int xConnect(sqlite3* db, void* aux, int, const char* const*, sqlite3_vtab** out, char**) {
    auto* module = static_cast<Module*>(aux);
    if (int rc = sqlite3_declare_vtab(db, module->spec->schema); rc != SQLITE_OK)
        return rc;
    auto* table = new Table;
    table->module = module;
    *out = &table->base;
    return SQLITE_OK;
}

int xDisconnect(sqlite3_vtab* vtab) {
    delete reinterpret_cast<Table*>(vtab);
    return SQLITE_OK;
}

int xBestIndex(sqlite3_vtab* vtab, sqlite3_index_info* info) {
    const bool hasId = reinterpret_cast<Table*>(vtab)->module->spec->hasId;
    int slot[7] = {-1, -1, -1, -1, -1, -1, -1};
    auto take = [&](int bit, int i) {
        const int b = __builtin_ctz(static_cast<unsigned>(bit));
        if (slot[b] < 0)
            slot[b] = i;
    };
    for (int i = 0; i < info->nConstraint; ++i) {
        const auto& c = info->aConstraint[i];
        if (!c.usable)
            continue;
        if (c.iColumn == 0) {
            switch (c.op) {
            case SQLITE_INDEX_CONSTRAINT_EQ: take(kKeyEq, i); break;
            case SQLITE_INDEX_CONSTRAINT_GE: take(kKeyGe, i); break;
            case SQLITE_INDEX_CONSTRAINT_GT: take(kKeyGt, i); break;
            case SQLITE_INDEX_CONSTRAINT_LE: take(kKeyLe, i); break;
            case SQLITE_INDEX_CONSTRAINT_LT: take(kKeyLt, i); break;
            default: break;
            }
        } else if (c.op == SQLITE_INDEX_CONSTRAINT_EQ && c.iColumn == 1) {
            take(kRunEq, i);
        } else if (c.op == SQLITE_INDEX_CONSTRAINT_EQ && c.iColumn == 2 && hasId) {
            take(kIdEq, i);
        }
    }
    // SQLite checks every constraint again (omit stays 0): the cursor only has to
    // return a superset, so a bound of another type than integer is simply ignored.
    int idxNum = 0, arg = 0;
    for (int b = 0; b < 7; ++b)
        if (slot[b] >= 0) {
            idxNum |= 1 << b;
            info->aConstraintUsage[slot[b]].argvIndex = ++arg;
        }
    info->idxNum = idxNum;
    const bool unique = (idxNum & kKeyEq) || ((idxNum & kRunEq) && (idxNum & kIdEq));
    const bool range = (idxNum & (kKeyGe | kKeyGt)) && (idxNum & (kKeyLe | kKeyLt));
    if (unique) {
        info->estimatedCost = 1;
        info->estimatedRows = 1;
        info->idxFlags = SQLITE_INDEX_SCAN_UNIQUE;
    } else if (range) {
        info->estimatedCost = 10;
        info->estimatedRows = 4;
    } else if (idxNum) {
        info->estimatedCost = 100000;
        info->estimatedRows = 100000;
    } else {
        info->estimatedCost = 1000000;
        info->estimatedRows = 1000000;
    }
    // Rows come in key order, which is (run_id, id) order.
    const auto* o = info->aOrderBy;
    const bool byKey = info->nOrderBy == 1 && !o[0].desc && (o[0].iColumn == 0 || o[0].iColumn == 1);
    const bool byRunAndId =
        info->nOrderBy == 2 && hasId && !o[0].desc && !o[1].desc && o[0].iColumn == 1 && o[1].iColumn == 2;
    const bool ordered = byKey || byRunAndId;
    info->orderByConsumed = ordered;
    return SQLITE_OK;
}

int xOpen(sqlite3_vtab* vtab, sqlite3_vtab_cursor** out) {
    auto* cursor = new Cursor;
    cursor->module = reinterpret_cast<Table*>(vtab)->module;
    *out = &cursor->base;
    return SQLITE_OK;
}

int xClose(sqlite3_vtab_cursor* c) {
    delete reinterpret_cast<Cursor*>(c);
    return SQLITE_OK;
}

int xFilter(sqlite3_vtab_cursor* base, int idxNum, const char*, int argc, sqlite3_value** argv) {
    auto* c = reinterpret_cast<Cursor*>(base);
    std::string error;
    c->loaded = c->module->session->get(error);
    c->session = c->loaded ? &c->loaded->session : nullptr;
    if (!c->session) {
        setError(base->pVtab, error);
        return SQLITE_ERROR;
    }
    std::int64_t begin = 0;
    c->end = std::numeric_limits<std::int64_t>::max();
    c->id.reset();
    c->onlyRun.reset();
    bool empty = false;
    int arg = 0;
    for (int b = 0; b < 7 && arg < argc; ++b) {
        if (!(idxNum & (1 << b)))
            continue;
        sqlite3_value* v = argv[arg++];
        if (sqlite3_value_type(v) != SQLITE_INTEGER)
            continue;
        const std::int64_t x = sqlite3_value_int64(v);
        const std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
        switch (1 << b) {
        case kKeyEq:
            begin = std::max(begin, x);
            c->end = std::min(c->end, x == kMax ? kMax : x + 1);
            break;
        case kKeyGe: begin = std::max(begin, x); break;
        case kKeyGt: begin = std::max(begin, x == kMax ? kMax : x + 1); break;
        case kKeyLe: c->end = std::min(c->end, x == kMax ? kMax : x + 1); break;
        case kKeyLt: c->end = std::min(c->end, x); break;
        case kRunEq:
            if (x < 0)
                empty = true;
            else
                c->onlyRun = static_cast<std::size_t>(x);
            break;
        case kIdEq:
            if (x < 0)
                empty = true;
            else
                c->id = static_cast<std::uint64_t>(x);
            break;
        default: break;
        }
    }
    if (c->onlyRun)
        begin = std::max(begin, *c->onlyRun > 0x7FFFFFFFull ? std::numeric_limits<std::int64_t>::max()
                                                            : static_cast<std::int64_t>(*c->onlyRun) << 32);
    c->run = static_cast<std::size_t>(begin >> 32);
    c->row = static_cast<std::uint64_t>(begin & 0xFFFFFFFF);
    if (empty || begin >= c->end)
        c->run = c->session->runs.size();
    c->settle();
    return SQLITE_OK;
}

int xNext(sqlite3_vtab_cursor* base) {
    auto* c = reinterpret_cast<Cursor*>(base);
    ++c->row;
    c->settle();
    return SQLITE_OK;
}

int xEof(sqlite3_vtab_cursor* base) {
    return reinterpret_cast<Cursor*>(base)->eof() ? 1 : 0;
}

int xRowid(sqlite3_vtab_cursor* base, sqlite3_int64* rowid) {
    *rowid = reinterpret_cast<Cursor*>(base)->key();
    return SQLITE_OK;
}

void resultInt(sqlite3_context* ctx, std::int64_t v) {
    sqlite3_result_int64(ctx, v);
}
void resultU64(sqlite3_context* ctx, std::uint64_t v) {
    sqlite3_result_int64(ctx, static_cast<std::int64_t>(v));
}
// "No time" and "no task/snapshot/request" read as NULL, as the stored rows had them.
void resultTime(sqlite3_context* ctx, TimeNs t) {
    if (t == kNoTime)
        sqlite3_result_null(ctx);
    else
        sqlite3_result_int64(ctx, t);
}
void resultId(sqlite3_context* ctx, std::uint32_t id) {
    if (id == std::numeric_limits<std::uint32_t>::max())
        sqlite3_result_null(ctx);
    else
        sqlite3_result_int64(ctx, id);
}
void resultText(sqlite3_context* ctx, std::string_view text) {
    // The session outlives every statement of the connection.
    sqlite3_result_text(ctx, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
}

void requestColumn(sqlite3_context* ctx, Cursor& c, const Run& run, int col) {
    if (!c.haveRequest) {
        c.request = run.requests.get(static_cast<RequestId>(c.row));
        c.haveRequest = true;
    }
    const Request& r = c.request;
    switch (col) {
    case 3: resultU64(ctx, r.design); break;
    case 4: resultInt(ctx, static_cast<std::uint8_t>(r.op)); break;
    case 5: resultInt(ctx, static_cast<std::uint8_t>(r.source)); break;
    case 6: resultInt(ctx, r.fd); break;
    case 7: resultU64(ctx, r.file); break;
    case 8: resultU64(ctx, r.offset); break;
    case 9: resultU64(ctx, r.length); break;
    case 10: resultInt(ctx, r.result); break;
    case 11: resultU64(ctx, r.userData); break;
    case 12: resultId(ctx, r.submitter); break;
    case 13: resultTime(ctx, r.submitNs); break;
    case 14: resultTime(ctx, r.submitEndNs); break;
    case 15: resultTime(ctx, r.queuedNs); break;
    case 16: resultTime(ctx, r.completeNs); break;
    case 17: resultId(ctx, r.completionObserver); break;
    case 18: resultU64(ctx, r.firstSegment); break;
    case 19: resultU64(ctx, r.segmentCount); break;
    case 20: resultId(ctx, r.submitterSnapshot); break;
    case 21: resultId(ctx, r.executorSnapshot); break;
    case 22: resultU64(ctx, r.flags); break;
    default: sqlite3_result_null(ctx); break;
    }
}

void segmentColumn(sqlite3_context* ctx, const ExecSegment& s, int col) {
    switch (col) {
    case 3: resultId(ctx, s.request); break;
    case 4: resultId(ctx, s.task); break;
    case 5: resultTime(ctx, s.startNs); break;
    case 6: resultTime(ctx, s.endNs); break;
    default: sqlite3_result_null(ctx); break;
    }
}

void snapshotColumn(sqlite3_context* ctx, const ContextSnapshot& s, const Run& run, int col) {
    switch (col) {
    case 3: resultU64(ctx, s.known); break;
    case 4: resultInt(ctx, s.tid); break;
    case 5: resultInt(ctx, s.pid); break;
    case 6: resultU64(ctx, s.uid); break;
    case 7: resultU64(ctx, s.euid); break;
    case 8: resultU64(ctx, s.fsuid); break;
    case 9: resultU64(ctx, s.gid); break;
    case 10: resultU64(ctx, s.fsgid); break;
    case 11: resultU64(ctx, s.capEffective); break;
    case 12: resultInt(ctx, s.ioprio); break;
    case 13: resultInt(ctx, s.nice); break;
    case 14: resultU64(ctx, s.affinityMask); break;
    case 15: resultInt(ctx, s.cpu); break;
    case 16: resultText(ctx, run.strings.view(s.cwd)); break;
    case 17: resultU64(ctx, s.rlimitFsize); break;
    case 18: resultU64(ctx, s.blockedSignals); break;
    case 19: resultTime(ctx, s.takenNs); break;
    default: sqlite3_result_null(ctx); break;
    }
}

void checkColumn(sqlite3_context* ctx, const ContextCheck& k, const Run& run, int col) {
    switch (col) {
    case 3: resultId(ctx, k.request); break;
    case 4: resultText(ctx, contextAttributeName(k.attribute)); break;
    case 5: resultText(ctx, checkVerdictName(k.verdict)); break;
    case 6: resultId(ctx, k.executor); break;
    case 7: resultTime(ctx, k.timeNs); break;
    case 8: resultText(ctx, run.strings.view(k.executorValue)); break;
    case 9: resultText(ctx, run.strings.view(k.submitterValue)); break;
    case 10: resultText(ctx, run.strings.view(k.evidence)); break;
    case 11: resultTime(ctx, k.submitterTimeNs); break;
    case 12: resultText(ctx, run.strings.view(k.submitterEvidence)); break;
    default: sqlite3_result_null(ctx); break;
    }
}

int xColumn(sqlite3_vtab_cursor* base, sqlite3_context* ctx, int col) {
    auto* c = reinterpret_cast<Cursor*>(base);
    const Run& run = c->session->runs[c->run];
    const auto row = static_cast<std::size_t>(c->row);
    if (col == 0)
        return resultInt(ctx, c->key()), SQLITE_OK;
    if (col == 1)
        return resultU64(ctx, c->run), SQLITE_OK;
    const Kind kind = c->module->spec->kind;
    if (col == 2 && kind != Kind::LaneStates)
        return resultU64(ctx, row), SQLITE_OK;
    switch (kind) {
    case Kind::Requests: requestColumn(ctx, *c, run, col); break;
    case Kind::Segments: segmentColumn(ctx, run.segments[row], col); break;
    case Kind::Snapshots: snapshotColumn(ctx, run.snapshots[row], run, col); break;
    case Kind::Checks: checkColumn(ctx, run.checks[row], run, col); break;
    case Kind::LaneStates: {
        const auto [task, i] = c->loaded->laneState(c->run, row);
        const auto& lane = run.timeline.states(task);
        switch (col) {
        case 2: resultU64(ctx, task); break;
        case 3: resultU64(ctx, i); break;
        case 4: resultTime(ctx, lane.start[i]); break;
        case 5: resultTime(ctx, lane.end[i]); break;
        case 6: resultText(ctx, laneStateName(lane.state[i])); break;
        default: sqlite3_result_null(ctx); break;
        }
        break;
    }
    }
    return SQLITE_OK;
}

sqlite3_module makeModule() {
    sqlite3_module m{};
    m.iVersion = 0;
    m.xCreate = nullptr; // eponymous-only: the table exists by its name, nothing is written to the schema
    m.xConnect = xConnect;
    m.xBestIndex = xBestIndex;
    m.xDisconnect = xDisconnect;
    m.xDestroy = xDisconnect;
    m.xOpen = xOpen;
    m.xClose = xClose;
    m.xFilter = xFilter;
    m.xNext = xNext;
    m.xEof = xEof;
    m.xColumn = xColumn;
    m.xRowid = xRowid;
    return m;
}

const sqlite3_module kModule = makeModule();

} // namespace

Result<void> SessionRowTables::install(sqlite3* db, const std::string& path) {
    auto session = std::make_shared<LoadedSession>(db, path);
    for (const TableSpec& spec : kTables) {
        auto* module = new Module{&spec, session};
        const int rc =
            sqlite3_create_module_v2(db, spec.name, &kModule, module, [](void* p) { delete static_cast<Module*>(p); });
        if (rc != SQLITE_OK)
            return makeError(path + ": cannot set up the SQL table " + spec.name + ": " + sqlite3_errmsg(db));
    }
    // Connects each table now (SQLite keeps it for the connection's life): the first use of an eponymous
    // table asks the authorizer for changes to sqlite_master, which a read-only console refuses.
    for (const TableSpec& spec : kTables) {
        sqlite3_stmt* stmt = nullptr;
        const std::string sql = std::string("SELECT 1 FROM ") + spec.name;
        const int rc = sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr);
        sqlite3_finalize(stmt);
        if (rc != SQLITE_OK)
            return makeError(path + ": cannot set up the SQL table " + spec.name + ": " + sqlite3_errmsg(db));
    }
    return {};
}

} // namespace aioscope::store
