#include "store/QueryTablesWriter.h"

#include "store/Database.h"
#include "store/StoreValues.h"

namespace aioscope::store {

namespace {
std::int64_t i64(std::uint64_t v) { return static_cast<std::int64_t>(v); }
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
        "INSERT INTO request_rows(run_id, id, design, op, source, fd, file, offset, length, result, user_data, "
        "submitter, submit_ns, submit_end_ns, queued_ns, complete_ns, completion_observer, first_segment, "
        "segment_count, submitter_snapshot, executor_snapshot, flags) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!stmt)
        return stmt.error();
    Statement& s = *stmt;
    for (RequestId id = 0; id < run.requests.size(); ++id) {
        const Request r = run.requests.get(id);
        s.bind(1, runId).bind(2, i64(id)).bind(3, i64(r.design)).bind(4, i64(static_cast<std::uint8_t>(r.op)));
        s.bind(5, i64(static_cast<std::uint8_t>(r.source))).bind(6, std::int64_t{r.fd}).bind(7, i64(r.file));
        s.bind(8, i64(r.offset)).bind(9, i64(r.length)).bind(10, r.result).bind(11, i64(r.userData));
        StoreValues::bindId(s, 12, r.submitter);
        StoreValues::bindTime(s, 13, r.submitNs);
        StoreValues::bindTime(s, 14, r.submitEndNs);
        StoreValues::bindTime(s, 15, r.queuedNs);
        StoreValues::bindTime(s, 16, r.completeNs);
        StoreValues::bindId(s, 17, r.completionObserver);
        s.bind(18, i64(r.firstSegment)).bind(19, i64(r.segmentCount));
        StoreValues::bindId(s, 20, r.submitterSnapshot);
        StoreValues::bindId(s, 21, r.executorSnapshot);
        s.bind(22, i64(r.flags));
        if (auto result = s.run(); !result)
            return result;
    }
    return {};
}

Result<void> QueryTablesWriter::writeSegments(Database& db, const Run& run, std::int64_t runId) {
    auto stmt = db.prepare("INSERT INTO segments(run_id, id, request, task, start_ns, end_ns) VALUES (?, ?, ?, ?, ?, ?)");
    if (!stmt)
        return stmt.error();
    Statement& s = *stmt;
    for (std::size_t i = 0; i < run.segments.size(); ++i) {
        const ExecSegment& seg = run.segments[i];
        s.bind(1, runId).bind(2, i64(i));
        StoreValues::bindId(s, 3, seg.request);
        StoreValues::bindId(s, 4, seg.task);
        StoreValues::bindTime(s, 5, seg.startNs);
        StoreValues::bindTime(s, 6, seg.endNs);
        if (auto result = s.run(); !result)
            return result;
    }
    return {};
}

Result<void> QueryTablesWriter::writeSnapshots(Database& db, const Run& run, std::int64_t runId) {
    auto stmt = db.prepare(
        "INSERT INTO snapshots(run_id, id, known, tid, pid, uid, euid, fsuid, gid, fsgid, cap_effective, ioprio, "
        "nice, affinity_mask, cpu, cwd, rlimit_fsize, blocked_signals, taken_ns) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!stmt)
        return stmt.error();
    Statement& s = *stmt;
    for (std::size_t i = 0; i < run.snapshots.size(); ++i) {
        const ContextSnapshot& c = run.snapshots[i];
        s.bind(1, runId).bind(2, i64(i)).bind(3, i64(c.known)).bind(4, std::int64_t{c.tid}).bind(5, std::int64_t{c.pid});
        s.bind(6, i64(c.uid)).bind(7, i64(c.euid)).bind(8, i64(c.fsuid)).bind(9, i64(c.gid)).bind(10, i64(c.fsgid));
        s.bind(11, i64(c.capEffective)).bind(12, std::int64_t{c.ioprio}).bind(13, std::int64_t{c.nice});
        s.bind(14, i64(c.affinityMask)).bind(15, std::int64_t{c.cpu}).bind(16, run.strings.view(c.cwd));
        s.bind(17, i64(c.rlimitFsize)).bind(18, i64(c.blockedSignals));
        StoreValues::bindTime(s, 19, c.takenNs);
        if (auto result = s.run(); !result)
            return result;
    }
    return {};
}

Result<void> QueryTablesWriter::writeChecks(Database& db, const Run& run, std::int64_t runId) {
    auto stmt = db.prepare(
        "INSERT INTO checks(run_id, id, request, attribute, verdict, executor, time_ns, executor_value, "
        "submitter_value, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!stmt)
        return stmt.error();
    Statement& s = *stmt;
    for (std::size_t i = 0; i < run.checks.size(); ++i) {
        const ContextCheck& c = run.checks[i];
        s.bind(1, runId).bind(2, i64(i));
        StoreValues::bindId(s, 3, c.request);
        s.bind(4, contextAttributeName(c.attribute)).bind(5, std::string_view(checkVerdictName(c.verdict)));
        StoreValues::bindId(s, 6, c.executor);
        StoreValues::bindTime(s, 7, c.timeNs);
        s.bind(8, run.strings.view(c.executorValue)).bind(9, run.strings.view(c.submitterValue));
        s.bind(10, run.strings.view(c.evidence));
        if (auto result = s.run(); !result)
            return result;
    }
    return {};
}

Result<void> QueryTablesWriter::writeLaneStates(Database& db, const Run& run, std::int64_t runId) {
    auto stmt = db.prepare(
        "INSERT INTO lane_states(run_id, task, seq, start_ns, end_ns, state) VALUES (?, ?, ?, ?, ?, ?)");
    if (!stmt)
        return stmt.error();
    Statement& s = *stmt;
    for (TaskId t = 0; t < run.timeline.laneCount(); ++t) {
        const auto& lane = run.timeline.states(t);
        for (std::size_t i = 0; i < lane.start.size(); ++i) {
            s.bind(1, runId).bind(2, i64(t)).bind(3, i64(i));
            StoreValues::bindTime(s, 4, lane.start[i]);
            StoreValues::bindTime(s, 5, lane.end[i]);
            s.bind(6, std::string_view(laneStateName(lane.state[i])));
            if (auto result = s.run(); !result)
                return result;
        }
    }
    return {};
}

} // namespace aioscope::store
