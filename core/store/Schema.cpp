#include "store/Schema.h"

#include "store/Database.h"

#include <string>
#include <vector>

namespace aioscope::store {

namespace {

struct Migration {
    int version; // user_version after this step
    std::string sql;
};

// v1: the first layout. Tables ending in _columns hold the packed arrays the
// loader reads; request_rows, segments, checks, snapshots and lane_states are
// plain rows written beside them for `aioscope sql` and the GUI console.
// Sentinels (no time, no task, no snapshot) are stored as NULL in the rows.
// The row tables are keyed by key = run_id * 2^32 + id: rowid order, so a
// save appends (no key comparisons) and a lookup by (run, id) is one seek.
const char* kSchemaV1 = R"SQL(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE runs (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, source TEXT NOT NULL, format TEXT NOT NULL,
  events_read INTEGER NOT NULL, task_count INTEGER NOT NULL, request_count INTEGER NOT NULL,
  segment_count INTEGER NOT NULL, snapshot_count INTEGER NOT NULL, check_count INTEGER NOT NULL,
  string_count INTEGER NOT NULL, lane_count INTEGER NOT NULL, state_count INTEGER NOT NULL,
  timeline_indexed INTEGER NOT NULL);
CREATE TABLE run_metadata (run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (run_id, key)) WITHOUT ROWID;
CREATE TABLE event_counts (run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  event TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (run_id, event)) WITHOUT ROWID;
CREATE TABLE warnings (run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, seq INTEGER NOT NULL,
  kind TEXT NOT NULL, place TEXT NOT NULL, message TEXT NOT NULL, count INTEGER NOT NULL,
  PRIMARY KEY (run_id, seq)) WITHOUT ROWID;
CREATE TABLE strings (run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, id INTEGER NOT NULL,
  text TEXT NOT NULL, PRIMARY KEY (run_id, id)) WITHOUT ROWID;
CREATE TABLE tasks (run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, id INTEGER NOT NULL,
  tid INTEGER NOT NULL, pid INTEGER NOT NULL, comm TEXT NOT NULL, comm_id INTEGER NOT NULL,
  first_seen_ns INTEGER, last_seen_ns INTEGER, role TEXT NOT NULL, parent INTEGER,
  PRIMARY KEY (run_id, id)) WITHOUT ROWID;
CREATE TABLE run_columns (run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, name TEXT NOT NULL,
  width INTEGER NOT NULL, count INTEGER NOT NULL, checksum INTEGER NOT NULL, data BLOB NOT NULL,
  UNIQUE (run_id, name));
CREATE TABLE request_rows (key INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, id INTEGER NOT NULL,
  design INTEGER NOT NULL, op INTEGER NOT NULL, source INTEGER NOT NULL, fd INTEGER NOT NULL, file INTEGER NOT NULL,
  offset INTEGER NOT NULL, length INTEGER NOT NULL, result INTEGER NOT NULL, user_data INTEGER NOT NULL,
  submitter INTEGER, submit_ns INTEGER, submit_end_ns INTEGER, queued_ns INTEGER, complete_ns INTEGER,
  completion_observer INTEGER, first_segment INTEGER NOT NULL, segment_count INTEGER NOT NULL,
  submitter_snapshot INTEGER, executor_snapshot INTEGER, flags INTEGER NOT NULL);
CREATE TABLE segments (key INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, id INTEGER NOT NULL,
  request INTEGER, task INTEGER, start_ns INTEGER, end_ns INTEGER);
CREATE TABLE snapshots (key INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, id INTEGER NOT NULL,
  known INTEGER NOT NULL, tid INTEGER NOT NULL, pid INTEGER NOT NULL, uid INTEGER NOT NULL, euid INTEGER NOT NULL,
  fsuid INTEGER NOT NULL, gid INTEGER NOT NULL, fsgid INTEGER NOT NULL, cap_effective INTEGER NOT NULL,
  ioprio INTEGER NOT NULL, nice INTEGER NOT NULL, affinity_mask INTEGER NOT NULL, cpu INTEGER NOT NULL,
  cwd TEXT NOT NULL, rlimit_fsize INTEGER NOT NULL, blocked_signals INTEGER NOT NULL, taken_ns INTEGER);
CREATE TABLE checks (key INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, id INTEGER NOT NULL,
  request INTEGER, attribute TEXT NOT NULL, verdict TEXT NOT NULL, executor INTEGER, time_ns INTEGER,
  executor_value TEXT NOT NULL, submitter_value TEXT NOT NULL, evidence TEXT NOT NULL);
CREATE TABLE lane_states (key INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, task INTEGER NOT NULL,
  seq INTEGER NOT NULL, start_ns INTEGER, end_ns INTEGER, state TEXT NOT NULL);
CREATE TABLE matrices (id INTEGER PRIMARY KEY, kernel TEXT NOT NULL, ran_as_root INTEGER NOT NULL,
  taken_utc TEXT NOT NULL);
CREATE TABLE probe_cells (matrix_id INTEGER NOT NULL REFERENCES matrices(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL, design TEXT NOT NULL, probe TEXT NOT NULL, verdict TEXT NOT NULL,
  submitter_value TEXT NOT NULL, executor_value TEXT NOT NULL, outcome TEXT NOT NULL, reason TEXT NOT NULL,
  evidence TEXT NOT NULL, PRIMARY KEY (matrix_id, seq)) WITHOUT ROWID;
CREATE TABLE annotations (id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  start_ns INTEGER, end_ns INTEGER, text TEXT NOT NULL, author TEXT NOT NULL, created_utc TEXT NOT NULL,
  bookmark INTEGER NOT NULL);

CREATE VIEW requests AS
SELECT r.run_id, r.id, r.key,
  ds.text AS design,
  CASE r.op WHEN 1 THEN 'read' WHEN 2 THEN 'write' WHEN 3 THEN 'fsync' WHEN 4 THEN 'open' WHEN 5 THEN 'poll'
            WHEN 6 THEN 'other' ELSE 'unknown' END AS op,
  CASE r.source WHEN 0 THEN 'engine' WHEN 1 THEN 'io_uring' WHEN 2 THEN 'native-aio' WHEN 3 THEN 'sync-syscall'
                WHEN 4 THEN 'block' WHEN 5 THEN 'probe' ELSE 'unknown' END AS source,
  r.fd, fs.text AS file, r.offset, r.length, r.result, r.user_data,
  st.tid AS submitter_tid, st.comm AS submitter_comm,
  r.submit_ns, r.submit_end_ns, r.queued_ns, r.complete_ns,
  r.complete_ns - r.submit_ns AS latency_ns,
  r.submit_end_ns - r.submit_ns AS submit_latency_ns,
  COALESCE(
    (SELECT et.tid FROM segments s JOIN tasks et ON et.run_id = s.run_id AND et.id = s.task
      WHERE s.key >= r.key - r.id + r.first_segment AND s.key < r.key - r.id + r.first_segment + r.segment_count
        AND s.task IS NOT r.submitter ORDER BY s.key LIMIT 1),
    (SELECT et.tid FROM segments s JOIN tasks et ON et.run_id = s.run_id AND et.id = s.task
      WHERE s.key >= r.key - r.id + r.first_segment AND s.key < r.key - r.id + r.first_segment + r.segment_count
      ORDER BY s.key LIMIT 1)) AS executor_tid,
  r.flags,
  (r.flags & 1) != 0 AS other_executor,
  (r.flags & 2) != 0 AS leak,
  (r.flags & 4) != 0 AS error,
  (r.flags & 16) != 0 AS incomplete,
  r.submitter AS submitter_task, r.completion_observer AS observer_task,
  r.first_segment, r.segment_count, r.submitter_snapshot, r.executor_snapshot
FROM request_rows r
LEFT JOIN strings ds ON ds.run_id = r.run_id AND ds.id = r.design
LEFT JOIN strings fs ON fs.run_id = r.run_id AND fs.id = r.file
LEFT JOIN tasks st ON st.run_id = r.run_id AND st.id = r.submitter;

CREATE VIEW leaks AS
SELECT c.run_id, c.request, c.attribute, c.executor_value, c.submitter_value, c.evidence,
  et.tid AS executor_tid, et.comm AS executor_comm, c.time_ns
FROM checks c LEFT JOIN tasks et ON et.run_id = c.run_id AND et.id = c.executor
WHERE c.verdict = 'leak';
)SQL";

// The readable views over the request and verdict tables, as v2 made them;
// v4 makes them again over the tables the SQL console generates.
const std::string kReadableViews = R"SQL(
CREATE VIEW requests AS
SELECT r.run_id, r.id, r.key,
  ds.text AS design,
  CASE r.op WHEN 1 THEN 'read' WHEN 2 THEN 'write' WHEN 3 THEN 'fsync' WHEN 4 THEN 'open' WHEN 5 THEN 'poll'
            WHEN 6 THEN 'other' ELSE 'unknown' END AS op,
  CASE r.source WHEN 0 THEN 'engine' WHEN 1 THEN 'io_uring' WHEN 2 THEN 'native-aio' WHEN 3 THEN 'sync-syscall'
                WHEN 4 THEN 'block' WHEN 5 THEN 'probe' ELSE 'unknown' END AS source,
  r.fd, fs.text AS file, r.offset, r.length, r.result, r.user_data,
  st.tid AS submitter_tid, st.comm AS submitter_comm,
  r.submit_ns, r.submit_end_ns, r.queued_ns, r.complete_ns,
  r.complete_ns - r.submit_ns AS latency_ns,
  r.submit_end_ns - r.submit_ns AS submit_latency_ns,
  COALESCE(
    (SELECT et.tid FROM segments s JOIN tasks et ON et.run_id = s.run_id AND et.id = s.task
      WHERE s.key >= r.key - r.id + r.first_segment AND s.key < r.key - r.id + r.first_segment + r.segment_count
        AND s.task IS NOT r.submitter ORDER BY s.key LIMIT 1),
    (SELECT et.tid FROM segments s JOIN tasks et ON et.run_id = s.run_id AND et.id = s.task
      WHERE s.key >= r.key - r.id + r.first_segment AND s.key < r.key - r.id + r.first_segment + r.segment_count
      ORDER BY s.key LIMIT 1)) AS executor_tid,
  r.flags,
  (r.flags & 1) != 0 AS handoff,
  (r.flags & 2) != 0 AS leak,
  (r.flags & 4) != 0 AS error,
  (r.flags & 16) != 0 AS incomplete,
  r.submitter AS submitter_task, r.completion_observer AS observer_task,
  r.first_segment, r.segment_count, r.submitter_snapshot, r.executor_snapshot
FROM request_rows r
LEFT JOIN strings ds ON ds.run_id = r.run_id AND ds.id = r.design
LEFT JOIN strings fs ON fs.run_id = r.run_id AND fs.id = r.file
LEFT JOIN tasks st ON st.run_id = r.run_id AND st.id = r.submitter;

CREATE VIEW verdicts AS
SELECT c.run_id, c.request, c.attribute, c.verdict, c.executor_value, c.submitter_value, c.evidence,
  c.submitter_evidence, et.tid AS executor_tid, et.comm AS executor_comm, c.time_ns, c.submitter_time_ns
FROM checks c LEFT JOIN tasks et ON et.run_id = c.run_id AND et.id = c.executor;

CREATE VIEW leaks AS SELECT * FROM verdicts WHERE verdict = 'leak';
)SQL";

// v2: one verdict vocabulary (hand-off, carried, leak, unknown). A hand-off
// is no longer stored as a "tid" leak: those rows go (requests.handoff says
// it), the leak flag of requests that had only those is cleared, attributes
// get their new names, and every check keeps where the submitter's value came
// from. `leaks` lists real leaks only; `verdicts` every verdict.
const std::string kSchemaV2 = R"SQL(
ALTER TABLE checks ADD COLUMN submitter_time_ns INTEGER;
ALTER TABLE checks ADD COLUMN submitter_evidence TEXT NOT NULL DEFAULT '';
DELETE FROM checks WHERE attribute = 'tid';
UPDATE checks SET attribute = 'cpu-priority' WHERE attribute = 'nice';
UPDATE checks SET attribute = 'cpu-affinity' WHERE attribute = 'affinity';
UPDATE checks SET attribute = 'credentials' WHERE attribute = 'capabilities';
UPDATE checks SET verdict = 'carried' WHERE verdict = 'same';
UPDATE request_rows SET flags = flags & ~2 WHERE (flags & 2) != 0 AND NOT EXISTS
  (SELECT 1 FROM checks c WHERE c.run_id = request_rows.run_id AND c.request = request_rows.id AND c.verdict = 'leak');
DROP VIEW requests;
DROP VIEW leaks;
)SQL" + kReadableViews;

// v3: the event index of imported traces (core/store/EventIndexStore): where the
// source is and how to know it unchanged, its event types and comms as rows,
// the packed per-event arrays in event_columns (shaped as run_columns).
const char* kEventIndexTables = R"SQL(
CREATE TABLE event_sources (run_id INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
  path TEXT NOT NULL, format TEXT NOT NULL, size INTEGER NOT NULL, head_hash INTEGER NOT NULL,
  event_count INTEGER NOT NULL, chunk_count INTEGER NOT NULL, key_count INTEGER NOT NULL);
CREATE TABLE event_types (run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, id INTEGER NOT NULL,
  system TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (run_id, id)) WITHOUT ROWID;
CREATE TABLE event_comms (run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, id INTEGER NOT NULL,
  comm TEXT NOT NULL, PRIMARY KEY (run_id, id)) WITHOUT ROWID;
CREATE TABLE event_columns (run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, name TEXT NOT NULL,
  width INTEGER NOT NULL, count INTEGER NOT NULL, checksum INTEGER NOT NULL, data BLOB NOT NULL,
  UNIQUE (run_id, name));
)SQL";

// v4: the bulk tables are stored once. Packed columns get an encoding
// (ColumnCodec); the readable row tables request_rows, segments, snapshots,
// checks and lane_states are no longer written: the SQL console generates
// them from the columns (SessionRowTables) under the same names and columns,
// and the views stay as they were. A file migrated from v3 drops its rows
// (their runs are in run_columns too).
const std::string kSchemaV4 = R"SQL(
ALTER TABLE run_columns ADD COLUMN codec INTEGER NOT NULL DEFAULT 0;
ALTER TABLE event_columns ADD COLUMN codec INTEGER NOT NULL DEFAULT 0;
DROP VIEW leaks;
DROP VIEW verdicts;
DROP VIEW requests;
DROP TABLE request_rows;
DROP TABLE segments;
DROP TABLE snapshots;
DROP TABLE checks;
DROP TABLE lane_states;
)SQL" + kReadableViews;

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> all = {{1, kSchemaV1}, {2, kSchemaV2}, {3, kEventIndexTables}, {4, kSchemaV4}};
    return all;
}

} // namespace

Result<void> Schema::configureWriter(Database& db) {
    return db.exec("PRAGMA foreign_keys = ON");
}

Result<int> Schema::check(Database& db) {
    auto appId = db.queryInt("PRAGMA application_id");
    if (!appId)
        return db.error("not an aioscope session (not a readable SQLite database)");
    auto version = db.queryInt("PRAGMA user_version");
    if (!version)
        return version.error();
    if (*appId != kApplicationId)
        return makeError(db.path() +
                         ": not an aioscope session (a SQLite database of another application, "
                         "application_id " +
                         std::to_string(*appId) + ")");
    if (*version > kCurrentVersion)
        return makeError(db.path() + ": written by a newer aioscope (session schema version " +
                         std::to_string(*version) + ", this build reads up to " + std::to_string(kCurrentVersion) +
                         "); upgrade aioscope to open it");
    if (*version < 1)
        return makeError(db.path() + ": damaged aioscope session (schema version " + std::to_string(*version) + ")");
    return static_cast<int>(*version);
}

Result<void> Schema::migrate(Database& db) {
    auto version = db.queryInt("PRAGMA user_version");
    if (!version)
        return version.error();
    if (*version > kCurrentVersion)
        return makeError(db.path() + ": written by a newer aioscope (session schema version " +
                         std::to_string(*version) + "); refusing to change it");
    for (const auto& m : migrations()) {
        if (m.version <= *version)
            continue;
        if (auto r = db.exec(m.sql); !r)
            return makeError("migrating to session schema version " + std::to_string(m.version) + ": " +
                             r.error().message);
    }
    if (auto r = db.exec("PRAGMA application_id = " + std::to_string(kApplicationId)); !r)
        return r;
    if (auto r = db.exec("PRAGMA user_version = " + std::to_string(kCurrentVersion)); !r)
        return r;
    return db.exec("INSERT INTO meta(key, value) VALUES ('app_version', '" AIOSCOPE_STORE_APP_VERSION "'), "
                   "('schema_version', '" +
                   std::to_string(kCurrentVersion) +
                   "') "
                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
}

} // namespace aioscope::store
