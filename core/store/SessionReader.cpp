#include "store/SessionReader.h"

#include "store/Database.h"
#include "store/RunReader.h"
#include "store/StoreValues.h"

namespace aioscope::store {

Result<Session> SessionReader::read(Database& db) {
    if (auto r = db.exec("BEGIN"); !r)
        return r.error();
    struct EndRead {
        Database& db;
        ~EndRead() { (void)db.exec("COMMIT"); }
    } endRead{db};

    Session session;
    auto ids = db.prepare("SELECT id FROM runs ORDER BY id");
    if (!ids)
        return ids.error();
    Result<bool> row = false;
    std::int64_t expected = 0;
    while ((row = ids->step()) && *row) {
        if (ids->columnInt64(0) != expected)
            return makeError(db.path() + ": corrupt session: run ids are not 0.." + std::to_string(expected));
        auto run = RunReader::read(db, expected);
        if (!run)
            return run.error();
        session.runs.push_back(std::move(*run));
        ++expected;
    }
    if (!row)
        return row.error();
    auto matrices = readMatrices(db);
    if (!matrices)
        return matrices.error();
    session.matrices = std::move(*matrices);
    auto annotations = readAnnotations(db);
    if (!annotations)
        return annotations.error();
    session.annotations = std::move(*annotations);
    return session;
}

Result<std::vector<LeakMatrix>> SessionReader::readMatrices(Database& db) {
    std::vector<LeakMatrix> out;
    auto stmt = db.prepare("SELECT id, kernel, ran_as_root, taken_utc FROM matrices ORDER BY id");
    auto cells = db.prepare("SELECT design, probe, verdict, submitter_value, executor_value, outcome, reason, evidence "
                            "FROM probe_cells WHERE matrix_id = ? ORDER BY seq");
    if (!stmt)
        return stmt.error();
    if (!cells)
        return cells.error();
    Result<bool> row = false;
    while ((row = stmt->step()) && *row) {
        LeakMatrix m;
        m.kernel = stmt->columnText(1);
        m.ranAsRoot = stmt->columnInt64(2) != 0;
        m.takenUtc = stmt->columnText(3);
        cells->bind(1, stmt->columnInt64(0));
        Result<bool> cellRow = false;
        while ((cellRow = cells->step()) && *cellRow) {
            ProbeCell c;
            c.design = cells->columnText(0);
            c.probe = cells->columnText(1);
            if (!probeVerdictFromName(cells->columnText(2), &c.verdict))
                return makeError(db.path() + ": corrupt session: unknown probe verdict '" + cells->columnText(2) + "'");
            c.submitterValue = cells->columnText(3);
            c.executorValue = cells->columnText(4);
            c.outcome = cells->columnText(5);
            c.reason = cells->columnText(6);
            c.evidence = cells->columnText(7);
            m.cells.push_back(std::move(c));
        }
        cells->reset();
        if (!cellRow)
            return cellRow.error();
        out.push_back(std::move(m));
    }
    if (!row)
        return row.error();
    return out;
}

Result<std::vector<Annotation>> SessionReader::readAnnotations(Database& db) {
    std::vector<Annotation> out;
    auto stmt = db.prepare("SELECT id, run_id, start_ns, end_ns, text, author, created_utc, bookmark "
                           "FROM annotations ORDER BY id");
    if (!stmt)
        return stmt.error();
    Result<bool> row = false;
    while ((row = stmt->step()) && *row) {
        Annotation a;
        a.id = stmt->columnInt64(0);
        a.run = static_cast<std::uint32_t>(stmt->columnInt64(1));
        a.startNs = StoreValues::columnTime(*stmt, 2);
        a.endNs = StoreValues::columnTime(*stmt, 3);
        a.text = stmt->columnText(4);
        a.author = stmt->columnText(5);
        a.createdUtc = stmt->columnText(6);
        a.bookmark = stmt->columnInt64(7) != 0;
        out.push_back(std::move(a));
    }
    if (!row)
        return row.error();
    return out;
}

} // namespace aioscope::store
