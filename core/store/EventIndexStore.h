#pragma once
#include "model/Result.h"
#include "model/Run.h"

#include <cstdint>

namespace aioscope::store {

class Database;

// Saves and loads Run::eventIndex: the source's identity in event_sources,
// the event types and comms as rows, and the per-event and per-key arrays
// as packed columns in event_columns (14 bytes an event in memory, encoded
// by ColumnCodec on disk: a few bytes an event).
class EventIndexStore {
public:
    // Writes nothing for a run without an index. Call inside the save's transaction.
    static Result<void> write(Database& db, const Run& run, std::int64_t runId);
    // Sets run.eventIndex when the session holds one for this run (older sessions do not).
    static Result<void> read(Database& db, std::int64_t runId, Run& run);
};

} // namespace aioscope::store
