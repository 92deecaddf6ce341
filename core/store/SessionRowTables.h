#pragma once
#include "model/Result.h"

#include <string>

struct sqlite3;

namespace aioscope::store {

// The readable row tables of a session, request_rows, segments, snapshots,
// checks and lane_states, generated on demand from the one stored form (the
// packed columns) instead of written as a second copy. They are eponymous
// virtual tables of the SQL console's connection, with the columns, NULLs and
// row order the stored tables of schema v3 had, so the views (requests,
// verdicts, leaks) and every documented query read them unchanged. The session
// is loaded (RunReader, through a second read-only connection) the first time
// a query reads one of them; lookups by key, by run_id and id, and key ranges
// (the requests view's segment lookup) are index seeks, not scans.
// A file of schema v3 or older still has the stored tables, which take precedence.
class SessionRowTables {
public:
    static Result<void> install(sqlite3* db, const std::string& path);
};

} // namespace aioscope::store
