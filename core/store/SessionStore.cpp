#include "store/SessionStore.h"

#include "store/Database.h"
#include "store/FileReplacement.h"
#include "store/RunWriter.h"
#include "store/Schema.h"
#include "store/SessionFile.h"
#include "store/SessionLock.h"
#include "store/SessionReader.h"
#include "store/SessionWriter.h"
#include "store/StoreValues.h"
#include "store/Transaction.h"

#include <cerrno>
#include <functional>
#include <sys/stat.h>
#include <unistd.h>

namespace aioscope::store {

namespace {

// Names the file the user chose, not the temporary one.
Error onTarget(const Error& e, const std::string& temp, const std::string& target) {
    std::string message = e.message;
    if (message.compare(0, temp.size(), temp) == 0)
        message = target + ": cannot save:" + message.substr(temp.size() + 1);
    return makeError(std::move(message));
}

// A previous crash during an incremental change may have left committed pages
// in PATH-wal; fold them into the file so replacing it cannot pair the new
// file with the old log.
void checkpointLeftovers(const std::string& path) {
    struct stat st {};
    if (::stat((path + "-wal").c_str(), &st) != 0)
        return;
    auto db = Database::open(path, Database::Mode::ReadWrite);
    if (db)
        (void)db->exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

// Opens an existing session for one incremental change: checks it, migrates
// an older schema inside the change's transaction, and commits.
Result<void> change(const std::string& path, const std::function<Result<void>(Database&)>& body) {
    if (auto r = SessionFile::checkReplaceable(path); !r)
        return r;
    if (::access(path.c_str(), F_OK) != 0)
        return makeError(path + ": cannot change: no such session file");
    // Another aioscope writing this session finishes first (SQLite's busy
    // timeout alone would fail a change that waits longer than it).
    auto lock = SessionLock::acquire(path);
    if (!lock)
        return lock.error();
    auto db = Database::open(path, Database::Mode::ReadWrite);
    if (!db)
        return db.error();
    if (auto v = Schema::check(*db); !v)
        return v.error();
    if (auto r = Schema::configureWriter(*db); !r)
        return r;
    Transaction tx(*db);
    if (auto r = tx.begin(); !r)
        return r;
    if (auto r = Schema::migrate(*db); !r)
        return r;
    if (auto r = body(*db); !r)
        return r;
    return tx.commit();
}

// Builds a new session file at `path` with `body` (in one transaction on a
// temporary file) and moves it into place: over an existing file when
// `replace`, else only if none appeared meanwhile (false then).
Result<bool> create(const std::string& path, const std::function<Result<void>(Database&)>& body, bool replace) {
    if (auto r = SessionFile::checkReplaceable(path); !r)
        return r.error();
    FileReplacement file(path);
    if (auto r = file.prepare(); !r)
        return r.error();
    const std::string& temp = file.tempPath();
    {
        auto db = Database::open(temp, Database::Mode::Create);
        if (!db)
            return onTarget(db.error(), temp, path);
        // The temporary file needs no journal: until the rename nobody sees
        // it, and a failure deletes it. Durability comes from fsync + rename.
        for (const char* pragma : {"PRAGMA page_size = 16384", "PRAGMA journal_mode = OFF", "PRAGMA synchronous = OFF",
                                   "PRAGMA cache_size = -65536"})
            if (auto r = db->exec(pragma); !r)
                return onTarget(r.error(), temp, path);
        if (auto r = Schema::configureWriter(*db); !r)
            return onTarget(r.error(), temp, path);
        Transaction tx(*db);
        if (auto r = tx.begin(); !r)
            return onTarget(r.error(), temp, path);
        if (auto r = Schema::migrate(*db); !r)
            return onTarget(r.error(), temp, path);
        if (auto r = body(*db); !r)
            return onTarget(r.error(), temp, path);
        if (auto r = tx.commit(); !r)
            return onTarget(r.error(), temp, path);
        // Persisted in the header: later incremental changes go through the WAL.
        if (auto r = db->exec("PRAGMA journal_mode = WAL"); !r)
            return onTarget(r.error(), temp, path);
        db->close();
    }
    if (!replace)
        return file.commitIfAbsent();
    // A writer changing the old file finishes before it is replaced.
    SessionLock lock;
    if (::access(file.target().c_str(), F_OK) == 0) {
        auto held = SessionLock::acquire(file.target());
        if (!held)
            return held.error();
        lock = std::move(*held);
    }
    checkpointLeftovers(path);
    if (auto r = file.commit(); !r)
        return r.error();
    return true;
}

} // namespace

Result<void> SessionStore::save(const Session& session, const std::string& path) {
    auto saved = create(
        path, [&](Database& db) { return SessionWriter::write(db, session); }, true);
    if (!saved)
        return saved.error();
    return {};
}

Result<Session> SessionStore::load(const std::string& path) {
    const bool hadSidecars = SessionFile::hasWalSidecars(path);
    auto session = [&]() -> Result<Session> {
        auto db = SessionFile::openForReading(path);
        if (!db)
            return db.error();
        return SessionReader::read(*db);
    }();
    if (!hadSidecars)
        SessionFile::removeWalSidecars(path);
    return session;
}

Result<void> SessionStore::checkAppendable(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 && errno == ENOENT) {
        const auto slash = path.rfind('/');
        const std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
        if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
            return makeError(path + ": cannot save there: the folder " + dir + " does not exist");
        if (::access(dir.c_str(), W_OK | X_OK) != 0)
            return makeError(path + ": cannot save there: the folder " + dir + " is not writable");
        return {};
    }
    if (auto r = SessionFile::checkReplaceable(path); !r)
        return r;
    const bool hadSidecars = SessionFile::hasWalSidecars(path);
    Result<void> readable = [&]() -> Result<void> {
        auto db = SessionFile::openForReading(path);
        if (!db)
            return db.error();
        return {};
    }();
    if (!hadSidecars)
        SessionFile::removeWalSidecars(path);
    return readable;
}

Result<std::uint32_t> SessionStore::appendRuns(const std::string& path, const std::vector<const Run*>& runs) {
    auto writeFrom = [&](Database& db, std::int64_t first) -> Result<void> {
        for (std::size_t i = 0; i < runs.size(); ++i)
            if (auto r = RunWriter::write(db, *runs[i], first + static_cast<std::int64_t>(i)); !r)
                return r;
        return {};
    };
    // A file that appears between the check and the rename is appended to.
    for (int attempt = 0; attempt < 3; ++attempt) {
        if (::access(path.c_str(), F_OK) == 0 || errno != ENOENT) {
            std::uint32_t index = 0;
            auto r = change(path, [&](Database& db) -> Result<void> {
                auto next = db.queryInt("SELECT COALESCE(MAX(id) + 1, 0) FROM runs");
                if (!next)
                    return next.error();
                index = static_cast<std::uint32_t>(*next);
                return writeFrom(db, *next);
            });
            if (!r)
                return r.error();
            return index;
        }
        auto created = create(
            path, [&](Database& db) { return writeFrom(db, 0); }, false);
        if (!created)
            return created.error();
        if (*created)
            return 0u;
    }
    return makeError(path + ": cannot save: the file keeps appearing and disappearing");
}

Result<std::uint32_t> SessionStore::appendRun(const std::string& path, const Run& run) {
    std::uint32_t index = 0;
    auto r = change(path, [&](Database& db) -> Result<void> {
        auto next = db.queryInt("SELECT COALESCE(MAX(id) + 1, 0) FROM runs");
        if (!next)
            return next.error();
        index = static_cast<std::uint32_t>(*next);
        return RunWriter::write(db, run, *next);
    });
    if (!r)
        return r.error();
    return index;
}

Result<std::int64_t> SessionStore::addAnnotation(const std::string& path, const Annotation& annotation) {
    std::int64_t id = 0;
    auto r = change(path, [&](Database& db) -> Result<void> {
        auto inserted = SessionWriter::insertAnnotation(db, annotation);
        if (!inserted)
            return inserted.error();
        id = *inserted;
        return {};
    });
    if (!r)
        return r.error();
    return id;
}

Result<void> SessionStore::updateAnnotation(const std::string& path, const Annotation& a) {
    return change(path, [&](Database& db) -> Result<void> {
        auto stmt = db.prepare("UPDATE annotations SET run_id = ?, start_ns = ?, end_ns = ?, text = ?, author = ?, "
                               "created_utc = ?, bookmark = ? WHERE id = ?");
        if (!stmt)
            return stmt.error();
        stmt->bind(1, static_cast<std::int64_t>(a.run));
        StoreValues::bindTime(*stmt, 2, a.startNs);
        StoreValues::bindTime(*stmt, 3, a.endNs);
        stmt->bind(4, a.text).bind(5, a.author).bind(6, a.createdUtc).bind(7, std::int64_t{a.bookmark}).bind(8, a.id);
        if (auto r = stmt->run(); !r)
            return r;
        auto changed = db.queryInt("SELECT changes()");
        if (changed && *changed == 0)
            return makeError(path + ": no annotation with id " + std::to_string(a.id));
        return {};
    });
}

Result<void> SessionStore::relocateEventSource(const std::string& path, std::uint32_t run, const std::string& newPath,
                                               std::uint64_t size, std::uint64_t headHash) {
    return change(path, [&](Database& db) -> Result<void> {
        auto stmt = db.prepare("UPDATE event_sources SET path = ? WHERE run_id = ? AND size = ? AND head_hash = ?");
        if (!stmt)
            return stmt.error();
        stmt->bind(1, newPath).bind(2, static_cast<std::int64_t>(run));
        stmt->bind(3, static_cast<std::int64_t>(size)).bind(4, static_cast<std::int64_t>(headHash));
        if (auto r = stmt->run(); !r)
            return r;
        auto changed = db.queryInt("SELECT changes()");
        if (changed && *changed == 0)
            return makeError(path + ": run " + std::to_string(run) + " has no event index of that trace");
        return {};
    });
}

Result<void> SessionStore::removeAnnotation(const std::string& path, std::int64_t id) {
    return change(path, [&](Database& db) -> Result<void> {
        auto stmt = db.prepare("DELETE FROM annotations WHERE id = ?");
        if (!stmt)
            return stmt.error();
        if (auto r = stmt->bind(1, id).run(); !r)
            return r;
        auto changed = db.queryInt("SELECT changes()");
        if (changed && *changed == 0)
            return makeError(path + ": no annotation with id " + std::to_string(id));
        return {};
    });
}

Result<std::vector<Annotation>> SessionStore::loadAnnotations(const std::string& path) {
    const bool hadSidecars = SessionFile::hasWalSidecars(path);
    auto annotations = [&]() -> Result<std::vector<Annotation>> {
        auto db = SessionFile::openForReading(path);
        if (!db)
            return db.error();
        return SessionReader::readAnnotations(*db);
    }();
    if (!hadSidecars)
        SessionFile::removeWalSidecars(path);
    return annotations;
}

Result<void> SessionStore::addMatrix(const std::string& path, const LeakMatrix& matrix) {
    return change(path, [&](Database& db) { return SessionWriter::writeMatrix(db, matrix); });
}

} // namespace aioscope::store
