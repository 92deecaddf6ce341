#include "store/SessionWriter.h"

#include "store/Database.h"
#include "store/RunWriter.h"
#include "store/StoreValues.h"

namespace aioscope::store {

Result<void> SessionWriter::write(Database& db, const Session& session) {
    for (std::size_t i = 0; i < session.runs.size(); ++i)
        if (auto r = RunWriter::write(db, session.runs[i], static_cast<std::int64_t>(i)); !r)
            return r;
    for (const auto& m : session.matrices)
        if (auto r = writeMatrix(db, m); !r)
            return r;
    for (const auto& a : session.annotations)
        if (auto r = insertAnnotation(db, a); !r)
            return r.error();
    return {};
}

Result<void> SessionWriter::writeMatrix(Database& db, const LeakMatrix& matrix) {
    auto stmt = db.prepare("INSERT INTO matrices(kernel, ran_as_root, taken_utc) VALUES (?, ?, ?)");
    if (!stmt)
        return stmt.error();
    stmt->bind(1, matrix.kernel).bind(2, std::int64_t{matrix.ranAsRoot}).bind(3, matrix.takenUtc);
    if (auto r = stmt->run(); !r)
        return r;
    const std::int64_t id = db.lastInsertRowId();
    auto cell = db.prepare("INSERT INTO probe_cells(matrix_id, seq, design, probe, verdict, submitter_value, "
                           "executor_value, outcome, reason, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!cell)
        return cell.error();
    for (std::size_t i = 0; i < matrix.cells.size(); ++i) {
        const ProbeCell& c = matrix.cells[i];
        cell->bind(1, id).bind(2, static_cast<std::int64_t>(i)).bind(3, c.design).bind(4, c.probe);
        cell->bind(5, std::string_view(probeVerdictName(c.verdict))).bind(6, c.submitterValue);
        cell->bind(7, c.executorValue).bind(8, c.outcome).bind(9, c.reason).bind(10, c.evidence);
        if (auto r = cell->run(); !r)
            return r;
    }
    return {};
}

Result<std::int64_t> SessionWriter::insertAnnotation(Database& db, const Annotation& a) {
    auto stmt = db.prepare("INSERT INTO annotations(id, run_id, start_ns, end_ns, text, author, created_utc, "
                           "bookmark) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    if (!stmt)
        return stmt.error();
    if (a.id == 0)
        stmt->bindNull(1);
    else
        stmt->bind(1, a.id);
    stmt->bind(2, static_cast<std::int64_t>(a.run));
    StoreValues::bindTime(*stmt, 3, a.startNs);
    StoreValues::bindTime(*stmt, 4, a.endNs);
    stmt->bind(5, a.text).bind(6, a.author).bind(7, a.createdUtc).bind(8, std::int64_t{a.bookmark});
    if (auto r = stmt->run(); !r)
        return r.error();
    return db.lastInsertRowId();
}

} // namespace aioscope::store
