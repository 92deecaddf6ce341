#include "store/QueryTablesWriter.h"

#include "store/Database.h"
#include "store/StoreValues.h"

#include <algorithm>

namespace aioscope::store {

namespace {
std::int64_t i64(std::uint64_t v) { return static_cast<std::int64_t>(v); }
// Row key: run in the high 32 bits, the model's index in the low ones.
std::int64_t rowKey(std::int64_t runId, std::uint64_t id) { return (runId << 32) + static_cast<std::int64_t>(id); }

// Inserts `n` rows, kBatch per statement: one VDBE program run for many rows
// instead of one per row. bindRow(stmt, base, i) binds row i at parameters base+1...
template <typename BindRow>
Result<void> insertRows(Database& db, const std::string& head, int columns, std::size_t n, BindRow bindRow) {
    constexpr std::size_t kBatch = 32;
    auto sqlFor = [&](std::size_t rows) {
        std::string one = "(";
        for (int c = 0; c < columns; ++c)
            one += c ? ",?" : "?";
        one += ")";
        std::string sql = head + " VALUES ";
        for (std::size_t r = 0; r < rows; ++r)
            sql += r ? "," + one : one;
        return sql;
    };
    Statement full;
    if (n >= kBatch) {
        auto s = db.prepare(sqlFor(kBatch));
        if (!s)
            return s.error();
        full = std::move(*s);
    }
    for (std::size_t first = 0; first < n; first += kBatch) {
        const std::size_t rows = std::min(kBatch, n - first);
        Statement partial;
        Statement* s = &full;
        if (rows < kBatch) {
            auto p = db.prepare(sqlFor(rows));
            if (!p)
                return p.error();
            partial = std::move(*p);
            s = &partial;
        }
        for (std::size_t r = 0; r < rows; ++r)
            bindRow(*s, static_cast<int>(r) * columns, first + r);
        if (auto result = s->run(); !result)
            return result;
    }
    return {};
}
} // namespace

Result<void> QueryTablesWriter::write(Database& db, const Run& run, std::int64_t runId) {
    if (auto r = writeRequests(db, run, runId); !r)
        return r;
    if (auto r = writeSegments(db, run, runId); !r)
        return r;
    if (auto r = writeSnapshots(db, run, runId); !r)
        return r;
    if (auto r = writeChecks(db, run, runId); !r)
        return r;
    return writeLaneStates(db, run, runId);
}

Result<void> QueryTablesWriter::writeRequests(Database& db, const Run& run, std::int64_t runId) {
    const char* head =
        "INSERT INTO request_rows(key, run_id, id, design, op, source, fd, file, offset, length, result, user_data, "
        "submitter, submit_ns, submit_end_ns, queued_ns, complete_ns, completion_observer, first_segment, "
        "segment_count, submitter_snapshot, executor_snapshot, flags)";
    return insertRows(db, head, 23, run.requests.size(), [&](Statement& s, int b, std::size_t i) {
        const auto id = static_cast<RequestId>(i);
        const Request r = run.requests.get(id);
        s.bind(b + 1, rowKey(runId, id)).bind(b + 2, runId).bind(b + 3, i64(id)).bind(b + 4, i64(r.design));
        s.bind(b + 5, i64(static_cast<std::uint8_t>(r.op))).bind(b + 6, i64(static_cast<std::uint8_t>(r.source)));
        s.bind(b + 7, std::int64_t{r.fd}).bind(b + 8, i64(r.file)).bind(b + 9, i64(r.offset));
        s.bind(b + 10, i64(r.length)).bind(b + 11, r.result).bind(b + 12, i64(r.userData));
        StoreValues::bindId(s, b + 13, r.submitter);
        StoreValues::bindTime(s, b + 14, r.submitNs);
        StoreValues::bindTime(s, b + 15, r.submitEndNs);
        StoreValues::bindTime(s, b + 16, r.queuedNs);
        StoreValues::bindTime(s, b + 17, r.completeNs);
        StoreValues::bindId(s, b + 18, r.completionObserver);
        s.bind(b + 19, i64(r.firstSegment)).bind(b + 20, i64(r.segmentCount));
        StoreValues::bindId(s, b + 21, r.submitterSnapshot);
        StoreValues::bindId(s, b + 22, r.executorSnapshot);
        s.bind(b + 23, i64(r.flags));
    });
}

Result<void> QueryTablesWriter::writeSegments(Database& db, const Run& run, std::int64_t runId) {
    const char* head = "INSERT INTO segments(key, run_id, id, request, task, start_ns, end_ns)";
    return insertRows(db, head, 7, run.segments.size(), [&](Statement& s, int b, std::size_t i) {
        const ExecSegment& seg = run.segments[i];
        s.bind(b + 1, rowKey(runId, i)).bind(b + 2, runId).bind(b + 3, i64(i));
        StoreValues::bindId(s, b + 4, seg.request);
        StoreValues::bindId(s, b + 5, seg.task);
        StoreValues::bindTime(s, b + 6, seg.startNs);
        StoreValues::bindTime(s, b + 7, seg.endNs);
    });
}

Result<void> QueryTablesWriter::writeSnapshots(Database& db, const Run& run, std::int64_t runId) {
    const char* head = "INSERT INTO snapshots(key, run_id, id, known, tid, pid, uid, euid, fsuid, gid, fsgid, "
                       "cap_effective, ioprio, nice, affinity_mask, cpu, cwd, rlimit_fsize, blocked_signals, taken_ns)";
    return insertRows(db, head, 20, run.snapshots.size(), [&](Statement& s, int b, std::size_t i) {
        const ContextSnapshot& c = run.snapshots[i];
        s.bind(b + 1, rowKey(runId, i)).bind(b + 2, runId).bind(b + 3, i64(i)).bind(b + 4, i64(c.known));
        s.bind(b + 5, std::int64_t{c.tid}).bind(b + 6, std::int64_t{c.pid}).bind(b + 7, i64(c.uid));
        s.bind(b + 8, i64(c.euid)).bind(b + 9, i64(c.fsuid)).bind(b + 10, i64(c.gid)).bind(b + 11, i64(c.fsgid));
        s.bind(b + 12, i64(c.capEffective)).bind(b + 13, std::int64_t{c.ioprio}).bind(b + 14, std::int64_t{c.nice});
        s.bind(b + 15, i64(c.affinityMask)).bind(b + 16, std::int64_t{c.cpu}).bind(b + 17, run.strings.view(c.cwd));
        s.bind(b + 18, i64(c.rlimitFsize)).bind(b + 19, i64(c.blockedSignals));
        StoreValues::bindTime(s, b + 20, c.takenNs);
    });
}

Result<void> QueryTablesWriter::writeChecks(Database& db, const Run& run, std::int64_t runId) {
    const char* head = "INSERT INTO checks(key, run_id, id, request, attribute, verdict, executor, time_ns, "
                       "executor_value, submitter_value, evidence, submitter_time_ns, submitter_evidence)";
    return insertRows(db, head, 13, run.checks.size(), [&](Statement& s, int b, std::size_t i) {
        const ContextCheck& c = run.checks[i];
        s.bind(b + 1, rowKey(runId, i)).bind(b + 2, runId).bind(b + 3, i64(i));
        StoreValues::bindId(s, b + 4, c.request);
        s.bind(b + 5, contextAttributeName(c.attribute)).bind(b + 6, std::string_view(checkVerdictName(c.verdict)));
        StoreValues::bindId(s, b + 7, c.executor);
        StoreValues::bindTime(s, b + 8, c.timeNs);
        s.bind(b + 9, run.strings.view(c.executorValue)).bind(b + 10, run.strings.view(c.submitterValue));
        s.bind(b + 11, run.strings.view(c.evidence));
        StoreValues::bindTime(s, b + 12, c.submitterTimeNs);
        s.bind(b + 13, run.strings.view(c.submitterEvidence));
    });
}

Result<void> QueryTablesWriter::writeLaneStates(Database& db, const Run& run, std::int64_t runId) {
    // States in lane order, as in the packed columns; `flat` numbers them across lanes.
    struct Place {
        TaskId task;
        std::uint32_t index;
    };
    std::vector<Place> places;
    places.reserve(run.timeline.stateCount());
    for (TaskId t = 0; t < run.timeline.laneCount(); ++t)
        for (std::uint32_t i = 0; i < run.timeline.states(t).start.size(); ++i)
            places.push_back({t, i});
    const char* head = "INSERT INTO lane_states(key, run_id, task, seq, start_ns, end_ns, state)";
    return insertRows(db, head, 7, places.size(), [&](Statement& s, int b, std::size_t flat) {
        const auto [task, i] = places[flat];
        const auto& lane = run.timeline.states(task);
        s.bind(b + 1, rowKey(runId, flat)).bind(b + 2, runId).bind(b + 3, i64(task)).bind(b + 4, i64(i));
        StoreValues::bindTime(s, b + 5, lane.start[i]);
        StoreValues::bindTime(s, b + 6, lane.end[i]);
        s.bind(b + 7, std::string_view(laneStateName(lane.state[i])));
    });
}

} // namespace aioscope::store
