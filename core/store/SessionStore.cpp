#include "store/SessionStore.h"

#include "store/Database.h"
#include "store/FileReplacement.h"
#include "store/RunWriter.h"
#include "store/Schema.h"
#include "store/SessionFile.h"
#include "store/SessionReader.h"
#include "store/SessionWriter.h"
#include "store/StoreValues.h"
#include "store/Transaction.h"

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

} // namespace

Result<void> SessionStore::save(const Session& session, const std::string& path) {
    if (auto r = SessionFile::checkReplaceable(path); !r)
        return r;
    FileReplacement file(path);
    if (auto r = file.prepare(); !r)
        return r;
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
        if (auto r = SessionWriter::write(*db, session); !r)
            return onTarget(r.error(), temp, path);
        if (auto r = tx.commit(); !r)
            return onTarget(r.error(), temp, path);
        // Persisted in the header: later incremental changes go through the WAL.
        if (auto r = db->exec("PRAGMA journal_mode = WAL"); !r)
            return onTarget(r.error(), temp, path);
        db->close();
    }
    checkpointLeftovers(path);
    return file.commit();
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
