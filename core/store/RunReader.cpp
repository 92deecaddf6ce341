#include "store/RunReader.h"

#include "model/PagePrefault.h"
#include "model/RunDerivation.h"

#include "store/ColumnReadBatch.h"
#include "store/ColumnReader.h"
#include "store/Database.h"
#include "store/EventIndexStore.h"
#include "store/RunColumns.h"
#include "store/StoreValues.h"

#include <algorithm>
#include <cstring>
#include <exception>
#include <memory>
#include <thread>
#include <type_traits>

namespace aioscope::store {

namespace {

// Structs are rebuilt field by field from their columns, each decoded into
// one buffer of `maxCount` words reused for every field.
auto fieldReader(const ColumnReader& columns, std::uint64_t maxCount) {
    auto words = std::make_shared<SpillVector<std::uint64_t>>(maxCount);
    return [&columns, words](auto& rows, const std::string& name, auto member, std::uint64_t count) -> Result<void> {
        using T = std::remove_reference_t<decltype(rows[0].*member)>;
        auto* scratch = reinterpret_cast<std::byte*>(words->data());
        if (auto r = columns.readInto<T>(name, count, scratch); !r)
            return r;
        for (std::size_t i = 0; i < count; ++i)
            std::memcpy(&(rows[i].*member), scratch + i * sizeof(T), sizeof(T));
        return {};
    };
}

Error corrupt(const Database& db, const std::string& what) {
    return makeError(db.path() + ": corrupt session: " + what);
}

bool runKindFromName(const std::string& name, RunKind* out) {
    for (auto k : {RunKind::EngineRun, RunKind::TraceImport, RunKind::ProbeRun})
        if (name == runKindName(k)) {
            *out = k;
            return true;
        }
    return false;
}

TaskRole taskRoleFromName(const std::string& name) {
    for (auto r : {TaskRole::Submitter, TaskRole::Worker, TaskRole::KernelThread})
        if (name == taskRoleName(r))
            return r;
    return TaskRole::Unknown;
}

} // namespace

Result<Run> RunReader::read(Database& db, std::int64_t runId) {
    Run run;
    auto counts = readRunRow(db, runId, run);
    if (!counts)
        return counts.error();
    if (auto r = readSmallTables(db, runId, *counts, run); !r)
        return r.error();
    auto columns = ColumnReader::open(db, "run_columns", runId, "");
    if (!columns)
        return columns.error();
    if (auto r = readTimelineColumns(db, *columns, *counts, run); !r)
        return r.error();
    // The timeline's index is built on another core while the snapshots,
    // checks and event index are decoded: it reads only the segments and
    // lane states, which none of those touch.
    std::exception_ptr indexFailed;
    Result<void> rest;
    {
        std::jthread indexing;
        if (counts->timelineIndexed)
            indexing = std::jthread([&] {
                try {
                    run.timeline.sortStates();
                    run.timeline.indexSegments(run.segments, run.tasks.size());
                } catch (...) {
                    indexFailed = std::current_exception();
                }
            });
        rest = readDetailColumns(*columns, *counts, run);
        if (rest)
            rest = EventIndexStore::read(db, runId, run);
    }
    if (indexFailed)
        std::rethrow_exception(indexFailed);
    if (!rest)
        return rest.error();
    RunDerivation::deriveLoaded(run);
    return run;
}

Result<RunReader::Counts> RunReader::readRunRow(Database& db, std::int64_t runId, Run& run) {
    auto stmt = db.prepare("SELECT name, kind, source, format, events_read, task_count, request_count, segment_count, "
                           "snapshot_count, check_count, string_count, lane_count, state_count, timeline_indexed "
                           "FROM runs WHERE id = ?");
    if (!stmt)
        return stmt.error();
    stmt->bind(1, runId);
    auto row = stmt->step();
    if (!row)
        return row.error();
    if (!*row)
        return corrupt(db, "run " + std::to_string(runId) + " is missing");
    run.name = stmt->columnText(0);
    if (!runKindFromName(stmt->columnText(1), &run.kind))
        return corrupt(db, "run " + std::to_string(runId) + " has unknown kind '" + stmt->columnText(1) + "'");
    run.source = stmt->columnText(2);
    run.format = stmt->columnText(3);
    run.eventsRead = static_cast<std::uint64_t>(stmt->columnInt64(4));
    Counts c;
    c.runId = runId;
    auto count = [&](int i) { return static_cast<std::uint64_t>(stmt->columnInt64(i)); };
    c.tasks = count(5);
    c.requests = count(6);
    c.segments = count(7);
    c.snapshots = count(8);
    c.checks = count(9);
    c.strings = count(10);
    c.lanes = count(11);
    c.states = count(12);
    c.timelineIndexed = stmt->columnInt64(13) != 0;
    // Ids are 32-bit in the model; a larger count can only come from damage.
    for (auto v : {c.tasks, c.requests, c.segments, c.snapshots, c.checks, c.strings, c.lanes, c.states})
        if (v > 0xFFFFFFFFull)
            return corrupt(db, "run " + std::to_string(runId) + " has an impossible size");
    return c;
}

Result<void> RunReader::readSmallTables(Database& db, std::int64_t runId, const Counts& counts, Run& run) {
    {
        auto stmt = db.prepare("SELECT key, value FROM run_metadata WHERE run_id = ?");
        if (!stmt)
            return stmt.error();
        stmt->bind(1, runId);
        Result<bool> row = false;
        while ((row = stmt->step()) && *row)
            run.metadata[stmt->columnText(0)] = stmt->columnText(1);
        if (!row)
            return row.error();
    }
    {
        auto stmt = db.prepare("SELECT event, count FROM event_counts WHERE run_id = ?");
        if (!stmt)
            return stmt.error();
        stmt->bind(1, runId);
        Result<bool> row = false;
        while ((row = stmt->step()) && *row)
            run.eventCounts[stmt->columnText(0)] = static_cast<std::uint64_t>(stmt->columnInt64(1));
        if (!row)
            return row.error();
    }
    {
        auto stmt = db.prepare("SELECT kind, place, message, count FROM warnings WHERE run_id = ? ORDER BY seq");
        if (!stmt)
            return stmt.error();
        stmt->bind(1, runId);
        Result<bool> row = false;
        while ((row = stmt->step()) && *row)
            run.warnings.push_back({importProblemFromName(stmt->columnText(0)), stmt->columnText(1),
                                    stmt->columnText(2), static_cast<std::uint64_t>(stmt->columnInt64(3))});
        if (!row)
            return row.error();
    }
    {
        auto stmt = db.prepare("SELECT id, text FROM strings WHERE run_id = ? ORDER BY id");
        if (!stmt)
            return stmt.error();
        stmt->bind(1, runId);
        Result<bool> row = false;
        std::int64_t expected = 0;
        while ((row = stmt->step()) && *row) {
            // Id 0 is the pool's own empty string; every other id must come back in order.
            if (stmt->columnInt64(0) != expected)
                return corrupt(db, "string ids of run " + std::to_string(runId) + " have a gap");
            if (expected > 0 && run.strings.intern(stmt->columnText(1)) != static_cast<StringId>(expected))
                return corrupt(db, "run " + std::to_string(runId) + " stores a string twice");
            ++expected;
        }
        if (!row)
            return row.error();
        if (static_cast<std::uint64_t>(expected) != counts.strings)
            return corrupt(db, "run " + std::to_string(runId) + " should have " + std::to_string(counts.strings) +
                                   " strings, found " + std::to_string(expected));
    }
    auto stmt = db.prepare("SELECT tid, pid, comm_id, first_seen_ns, last_seen_ns, role, parent FROM tasks "
                           "WHERE run_id = ? ORDER BY id");
    if (!stmt)
        return stmt.error();
    stmt->bind(1, runId);
    run.tasks.reserve(counts.tasks);
    Result<bool> row = false;
    while ((row = stmt->step()) && *row) {
        Task t;
        t.tid = static_cast<std::int32_t>(stmt->columnInt64(0));
        t.pid = static_cast<std::int32_t>(stmt->columnInt64(1));
        t.comm = static_cast<StringId>(stmt->columnInt64(2));
        t.firstSeenNs = StoreValues::columnTime(*stmt, 3);
        t.lastSeenNs = StoreValues::columnTime(*stmt, 4);
        t.role = taskRoleFromName(stmt->columnText(5));
        t.parent = StoreValues::columnId(*stmt, 6);
        run.tasks.push_back(t);
    }
    if (!row)
        return row.error();
    if (run.tasks.size() != counts.tasks)
        return corrupt(db, "run " + std::to_string(runId) + " should have " + std::to_string(counts.tasks) +
                               " tasks, found " + std::to_string(run.tasks.size()));
    return {};
}

Result<void> RunReader::readTimelineColumns(Database& db, const ColumnReader& columns, const Counts& counts, Run& run) {
    const std::uint64_t n = counts.requests;
    RequestTable::Columns requests;
    LaneStateColumns states;
    {
        ColumnReadBatch batch;
#define X(field, type)                                                                                                 \
    batch.add([&](ColumnReader::Scratch& s) { return columns.read("requests." #field, n, requests.field, s); });
        AIOSCOPE_STORE_REQUEST_COLUMNS(X)
#undef X
        batch.add([&](ColumnReader::Scratch& s) { return columns.read("states.task", counts.states, states.task, s); });
        batch.add(
            [&](ColumnReader::Scratch& s) { return columns.read("states.start", counts.states, states.start, s); });
        batch.add([&](ColumnReader::Scratch& s) { return columns.read("states.end", counts.states, states.end, s); });
        batch.add(
            [&](ColumnReader::Scratch& s) { return columns.read("states.state", counts.states, states.state, s); });
        if (auto r = batch.run(); !r)
            return r;
    }
    if (!run.requests.assign(std::move(requests)))
        return corrupt(db, "the request columns of run " + std::to_string(counts.runId) + " differ in length");

    auto readField = fieldReader(columns, counts.segments);
    run.segments.reserve(counts.segments);
    PagePrefault::populateUpTo(run.segments, counts.segments);
    run.segments.resize(counts.segments);
#define X(field, type)                                                                                                 \
    if (auto r = readField(run.segments, "segments." #field, &ExecSegment::field, counts.segments); !r)                \
        return r;
    AIOSCOPE_STORE_SEGMENT_COLUMNS(X)
#undef X
    if (auto r = checkSegmentLanes(db, run, counts); !r)
        return r;

    run.timeline.resizeLanes(counts.lanes);
    // Each lane sized first, so its columns are written once instead of copied as they grow.
    std::vector<std::size_t> perLane(counts.lanes);
    for (std::size_t i = 0; i < states.task.size(); ++i) {
        if (states.task[i] >= counts.lanes)
            return corrupt(db, "lane state " + std::to_string(i) + " is on a lane that does not exist");
        ++perLane[states.task[i]];
    }
    for (TaskId t = 0; t < counts.lanes; ++t)
        run.timeline.reserveStates(t, perLane[t]);
    for (std::size_t i = 0; i < states.task.size(); ++i)
        run.timeline.addState(states.task[i], states.start[i], states.end[i], states.state[i]);
    return {};
}

Result<void> RunReader::readDetailColumns(const ColumnReader& columns, const Counts& counts, Run& run) {
    auto readField = fieldReader(columns, std::max(counts.snapshots, counts.checks));
    {
        run.snapshots.resize(counts.snapshots);
#define X(field, type)                                                                                                 \
    if (auto r = readField(run.snapshots, "snapshots." #field, &ContextSnapshot::field, counts.snapshots); !r)         \
        return r;
        AIOSCOPE_STORE_SNAPSHOT_COLUMNS(X)
#undef X
        run.checks.resize(counts.checks);
#define X(field, type)                                                                                                 \
    if (auto r = readField(run.checks, "checks." #field, &ContextCheck::field, counts.checks); !r)                     \
        return r;
        AIOSCOPE_STORE_CHECK_COLUMNS(X)
#undef X
        // Sessions before schema v2 have no such columns (the fields keep their defaults).
#define X(field, type)                                                                                                 \
    if (columns.has("checks." #field))                                                                                 \
        if (auto r = readField(run.checks, "checks." #field, &ContextCheck::field, counts.checks); !r)                 \
            return r;
        AIOSCOPE_STORE_CHECK_COLUMNS_V2(X)
#undef X
    }
    return {};
}

Result<void> RunReader::checkSegmentLanes(const Database& db, const Run& run, const Counts& counts) {
    // indexSegments() grows the lanes to fit every segment's task; a saved,
    // indexed run already had a lane for each, so a larger id is damage (and
    // would allocate lanes without bound). Other ids are kept as they were:
    // the model tolerates out-of-range ids and a round trip must not change them.
    if (!counts.timelineIndexed)
        return {};
    const std::uint64_t lanes = std::max<std::uint64_t>(counts.lanes, run.tasks.size());
    for (std::size_t i = 0; i < run.segments.size(); ++i) {
        const TaskId t = run.segments[i].task;
        if (t != kNoTask && t >= lanes)
            return corrupt(db, "segment " + std::to_string(i) + " of run " + std::to_string(counts.runId) +
                                   " is on a lane that does not exist");
    }
    return {};
}

} // namespace aioscope::store
