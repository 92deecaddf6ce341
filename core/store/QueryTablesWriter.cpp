#include "store/QueryTablesWriter.h"

#include "store/Database.h"
#include "store/StoreValues.h"

namespace aioscope::store {

namespace {
std::int64_t i64(std::uint64_t v) { return static_cast<std::int64_t>(v); }
// Row key: run in the high 32 bits, the model's index in the low ones.
std::int64_t rowKey(std::int64_t runId, std::uint64_t id) { return (runId << 32) + static_cast<std::int64_t>(id); }
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
    auto stmt = db.prepare(
        "INSERT INTO request_rows(key, run_id, id, design, op, source, fd, file, offset, length, result, user_data, "
        "submitter, submit_ns, submit_end_ns, queued_ns, complete_ns, completion_observer, first_segment, "
        "segment_count, submitter_snapshot, executor_snapshot, flags) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!stmt)
        return stmt.error();
    Statement& s = *stmt;
    for (RequestId id = 0; id < run.requests.size(); ++id) {
        const Request r = run.requests.get(id);
        s.bind(1, rowKey(runId, id)).bind(2, runId).bind(3, i64(id)).bind(4, i64(r.design)).bind(5, i64(static_cast<std::uint8_t>(r.op)));
        s.bind(6, i64(static_cast<std::uint8_t>(r.source))).bind(7, std::int64_t{r.fd}).bind(8, i64(r.file));
        s.bind(9, i64(r.offset)).bind(10, i64(r.length)).bind(11, r.result).bind(12, i64(r.userData));
        StoreValues::bindId(s, 13, r.submitter);
        StoreValues::bindTime(s, 14, r.submitNs);
        StoreValues::bindTime(s, 15, r.submitEndNs);
        StoreValues::bindTime(s, 16, r.queuedNs);
        StoreValues::bindTime(s, 17, r.completeNs);
        StoreValues::bindId(s, 18, r.completionObserver);
        s.bind(19, i64(r.firstSegment)).bind(20, i64(r.segmentCount));
        StoreValues::bindId(s, 21, r.submitterSnapshot);
        StoreValues::bindId(s, 22, r.executorSnapshot);
        s.bind(23, i64(r.flags));
        if (auto result = s.run(); !result)
            return result;
    }
    return {};
}

Result<void> QueryTablesWriter::writeSegments(Database& db, const Run& run, std::int64_t runId) {
    auto stmt = db.prepare("INSERT INTO segments(key, run_id, id, request, task, start_ns, end_ns) VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!stmt)
        return stmt.error();
    Statement& s = *stmt;
    for (std::size_t i = 0; i < run.segments.size(); ++i) {
        const ExecSegment& seg = run.segments[i];
        s.bind(1, rowKey(runId, i)).bind(2, runId).bind(3, i64(i));
        StoreValues::bindId(s, 4, seg.request);
        StoreValues::bindId(s, 5, seg.task);
        StoreValues::bindTime(s, 6, seg.startNs);
        StoreValues::bindTime(s, 7, seg.endNs);
        if (auto result = s.run(); !result)
            return result;
    }
    return {};
}

Result<void> QueryTablesWriter::writeSnapshots(Database& db, const Run& run, std::int64_t runId) {
    auto stmt = db.prepare(
        "INSERT INTO snapshots(key, run_id, id, known, tid, pid, uid, euid, fsuid, gid, fsgid, cap_effective, ioprio, "
        "nice, affinity_mask, cpu, cwd, rlimit_fsize, blocked_signals, taken_ns) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!stmt)
        return stmt.error();
    Statement& s = *stmt;
    for (std::size_t i = 0; i < run.snapshots.size(); ++i) {
        const ContextSnapshot& c = run.snapshots[i];
        s.bind(1, rowKey(runId, i)).bind(2, runId).bind(3, i64(i)).bind(4, i64(c.known)).bind(5, std::int64_t{c.tid}).bind(6, std::int64_t{c.pid});
        s.bind(7, i64(c.uid)).bind(8, i64(c.euid)).bind(9, i64(c.fsuid)).bind(10, i64(c.gid)).bind(11, i64(c.fsgid));
        s.bind(12, i64(c.capEffective)).bind(13, std::int64_t{c.ioprio}).bind(14, std::int64_t{c.nice});
        s.bind(15, i64(c.affinityMask)).bind(16, std::int64_t{c.cpu}).bind(17, run.strings.view(c.cwd));
        s.bind(18, i64(c.rlimitFsize)).bind(19, i64(c.blockedSignals));
        StoreValues::bindTime(s, 20, c.takenNs);
        if (auto result = s.run(); !result)
            return result;
    }
    return {};
}

Result<void> QueryTablesWriter::writeChecks(Database& db, const Run& run, std::int64_t runId) {
    auto stmt = db.prepare(
        "INSERT INTO checks(key, run_id, id, request, attribute, verdict, executor, time_ns, executor_value, "
        "submitter_value, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!stmt)
        return stmt.error();
    Statement& s = *stmt;
    for (std::size_t i = 0; i < run.checks.size(); ++i) {
        const ContextCheck& c = run.checks[i];
        s.bind(1, rowKey(runId, i)).bind(2, runId).bind(3, i64(i));
        StoreValues::bindId(s, 4, c.request);
        s.bind(5, contextAttributeName(c.attribute)).bind(6, std::string_view(checkVerdictName(c.verdict)));
        StoreValues::bindId(s, 7, c.executor);
        StoreValues::bindTime(s, 8, c.timeNs);
        s.bind(9, run.strings.view(c.executorValue)).bind(10, run.strings.view(c.submitterValue));
        s.bind(11, run.strings.view(c.evidence));
        if (auto result = s.run(); !result)
            return result;
    }
    return {};
}

Result<void> QueryTablesWriter::writeLaneStates(Database& db, const Run& run, std::int64_t runId) {
    auto stmt = db.prepare(
        "INSERT INTO lane_states(key, run_id, task, seq, start_ns, end_ns, state) VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!stmt)
        return stmt.error();
    Statement& s = *stmt;
    std::uint64_t flat = 0; // states in lane order, as in the packed columns
    for (TaskId t = 0; t < run.timeline.laneCount(); ++t) {
        const auto& lane = run.timeline.states(t);
        for (std::size_t i = 0; i < lane.start.size(); ++i) {
            s.bind(1, rowKey(runId, flat++)).bind(2, runId).bind(3, i64(t)).bind(4, i64(i));
            StoreValues::bindTime(s, 5, lane.start[i]);
            StoreValues::bindTime(s, 6, lane.end[i]);
            s.bind(7, std::string_view(laneStateName(lane.state[i])));
            if (auto result = s.run(); !result)
                return result;
        }
    }
    return {};
}

} // namespace aioscope::store
