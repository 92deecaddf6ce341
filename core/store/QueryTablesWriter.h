#pragma once
#include "model/Result.h"
#include "model/Run.h"

#include <cstdint>

namespace aioscope::store {

class Database;

// Writes the plain rows users query with `aioscope sql` (request_rows behind
// the `requests` view, segments, snapshots, checks, lane_states). The loader
// never reads them: it reads the packed columns.
class QueryTablesWriter {
public:
    static Result<void> write(Database& db, const Run& run, std::int64_t runId);

private:
    static Result<void> writeRequests(Database& db, const Run& run, std::int64_t runId);
    static Result<void> writeSegments(Database& db, const Run& run, std::int64_t runId);
    static Result<void> writeSnapshots(Database& db, const Run& run, std::int64_t runId);
    static Result<void> writeChecks(Database& db, const Run& run, std::int64_t runId);
    static Result<void> writeLaneStates(Database& db, const Run& run, std::int64_t runId);
};

} // namespace aioscope::store
