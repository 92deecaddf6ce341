#include "store/RunWriter.h"

#include "store/ColumnWriter.h"
#include "store/Database.h"
#include "store/EventIndexStore.h"
#include "store/RunColumns.h"
#include "store/StoreValues.h"

namespace aioscope::store {

namespace {

template <typename T, typename Rows, typename Row>
Result<void> writeMember(ColumnWriter& columns, const Rows& rows, const std::string& name, T Row::*member) {
    SpillVector<T> column(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i)
        column[i] = rows[i].*member;
    return columns.write(name, std::span<const T>(column));
}

} // namespace

Result<void> RunWriter::write(Database& db, const Run& run, std::int64_t runId) {
    if (auto r = writeRunRow(db, run, runId); !r)
        return r;
    if (auto r = writeSmallTables(db, run, runId); !r)
        return r;
    if (auto r = writeColumns(db, run, runId); !r)
        return r;
    return EventIndexStore::write(db, run, runId);
}

Result<void> RunWriter::writeRunRow(Database& db, const Run& run, std::int64_t runId) {
    bool indexed = false;
    for (TaskId t = 0; t < run.timeline.laneCount() && !indexed; ++t)
        indexed = !run.timeline.states(t).maxEnd.empty() || !run.timeline.segments(t).maxEnd.empty();
    auto stmt = db.prepare(
        "INSERT INTO runs(id, name, kind, source, format, events_read, task_count, request_count, segment_count, "
        "snapshot_count, check_count, string_count, lane_count, state_count, timeline_indexed) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!stmt)
        return stmt.error();
    stmt->bind(1, runId).bind(2, run.name).bind(3, std::string_view(runKindName(run.kind)));
    stmt->bind(4, run.source).bind(5, run.format).bind(6, static_cast<std::int64_t>(run.eventsRead));
    stmt->bind(7, static_cast<std::int64_t>(run.tasks.size()));
    stmt->bind(8, static_cast<std::int64_t>(run.requests.size()));
    stmt->bind(9, static_cast<std::int64_t>(run.segments.size()));
    stmt->bind(10, static_cast<std::int64_t>(run.snapshots.size()));
    stmt->bind(11, static_cast<std::int64_t>(run.checks.size()));
    stmt->bind(12, static_cast<std::int64_t>(run.strings.size()));
    stmt->bind(13, static_cast<std::int64_t>(run.timeline.laneCount()));
    stmt->bind(14, static_cast<std::int64_t>(run.timeline.stateCount()));
    stmt->bind(15, static_cast<std::int64_t>(indexed));
    return stmt->run();
}

Result<void> RunWriter::writeSmallTables(Database& db, const Run& run, std::int64_t runId) {
    {
        auto stmt = db.prepare("INSERT INTO run_metadata(run_id, key, value) VALUES (?, ?, ?)");
        if (!stmt)
            return stmt.error();
        for (const auto& [key, value] : run.metadata)
            if (auto r = stmt->bind(1, runId).bind(2, key).bind(3, value).run(); !r)
                return r;
    }
    {
        auto stmt = db.prepare("INSERT INTO event_counts(run_id, event, count) VALUES (?, ?, ?)");
        if (!stmt)
            return stmt.error();
        for (const auto& [event, count] : run.eventCounts)
            if (auto r = stmt->bind(1, runId).bind(2, event).bind(3, static_cast<std::int64_t>(count)).run(); !r)
                return r;
    }
    {
        auto stmt =
            db.prepare("INSERT INTO warnings(run_id, seq, kind, place, message, count) VALUES (?, ?, ?, ?, ?, ?)");
        if (!stmt)
            return stmt.error();
        for (std::size_t i = 0; i < run.warnings.size(); ++i) {
            const auto& w = run.warnings[i];
            stmt->bind(1, runId)
                .bind(2, static_cast<std::int64_t>(i))
                .bind(3, importProblemName(w.kind))
                .bind(4, w.place);
            if (auto r = stmt->bind(5, w.message).bind(6, static_cast<std::int64_t>(w.count)).run(); !r)
                return r;
        }
    }
    {
        auto stmt = db.prepare("INSERT INTO strings(run_id, id, text) VALUES (?, ?, ?)");
        if (!stmt)
            return stmt.error();
        for (StringId i = 0; i < run.strings.size(); ++i)
            if (auto r = stmt->bind(1, runId).bind(2, static_cast<std::int64_t>(i)).bind(3, run.strings.view(i)).run();
                !r)
                return r;
    }
    auto stmt = db.prepare("INSERT INTO tasks(run_id, id, tid, pid, comm, comm_id, first_seen_ns, last_seen_ns, role, "
                           "parent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!stmt)
        return stmt.error();
    for (std::size_t i = 0; i < run.tasks.size(); ++i) {
        const Task& t = run.tasks[i];
        stmt->bind(1, runId).bind(2, static_cast<std::int64_t>(i)).bind(3, static_cast<std::int64_t>(t.tid));
        stmt->bind(4, static_cast<std::int64_t>(t.pid)).bind(5, run.strings.view(t.comm));
        stmt->bind(6, static_cast<std::int64_t>(t.comm));
        StoreValues::bindTime(*stmt, 7, t.firstSeenNs);
        StoreValues::bindTime(*stmt, 8, t.lastSeenNs);
        stmt->bind(9, std::string_view(taskRoleName(t.role)));
        StoreValues::bindId(*stmt, 10, t.parent);
        if (auto r = stmt->run(); !r)
            return r;
    }
    return {};
}

Result<void> RunWriter::writeColumns(Database& db, const Run& run, std::int64_t runId) {
    auto writer = ColumnWriter::prepare(db, "run_columns", runId);
    if (!writer)
        return writer.error();
    ColumnWriter& columns = *writer;

    // Requests: the table already keeps one vector per column, written as they are.
    const RequestTable::Columns& req = run.requests.columns();
#define X(field, type)                                                                                                 \
    if (auto r = columns.write("requests." #field, std::span<const type>(req.field)); !r)                              \
        return r;
    AIOSCOPE_STORE_REQUEST_COLUMNS(X)
#undef X

    // Segments, snapshots and checks are arrays of structs: split them into columns.
#define X(field, type)                                                                                                 \
    if (auto r = writeMember<type>(columns, run.segments, "segments." #field, &ExecSegment::field); !r)                \
        return r;
    AIOSCOPE_STORE_SEGMENT_COLUMNS(X)
#undef X
#define X(field, type)                                                                                                 \
    if (auto r = writeMember<type>(columns, run.snapshots, "snapshots." #field, &ContextSnapshot::field); !r)          \
        return r;
    AIOSCOPE_STORE_SNAPSHOT_COLUMNS(X)
#undef X
#define X(field, type)                                                                                                 \
    if (auto r = writeMember<type>(columns, run.checks, "checks." #field, &ContextCheck::field); !r)                   \
        return r;
    AIOSCOPE_STORE_CHECK_COLUMNS(X)
    AIOSCOPE_STORE_CHECK_COLUMNS_V2(X)
#undef X

    LaneStateColumns states;
    for (TaskId t = 0; t < run.timeline.laneCount(); ++t) {
        const auto& lane = run.timeline.states(t);
        states.task.insert(states.task.end(), lane.start.size(), t);
        states.start.insert(states.start.end(), lane.start.begin(), lane.start.end());
        states.end.insert(states.end.end(), lane.end.begin(), lane.end.end());
        states.state.insert(states.state.end(), lane.state.begin(), lane.state.end());
    }
    if (auto r = columns.write("states.task", std::span<const TaskId>(states.task)); !r)
        return r;
    if (auto r = columns.write("states.start", std::span<const TimeNs>(states.start)); !r)
        return r;
    if (auto r = columns.write("states.end", std::span<const TimeNs>(states.end)); !r)
        return r;
    return columns.write("states.state", std::span<const LaneState>(states.state));
}

} // namespace aioscope::store
