#pragma once
#include "model/Result.h"
#include "model/Run.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace aioscope::store {

class ColumnReader;
class Database;

// Reads one Run back: small tables as rows, bulk tables from the packed
// columns (ColumnReader: each checked for shape and checksum), then rebuilds
// the timeline's derived index instead of storing it.
class RunReader {
public:
    static Result<Run> read(Database& db, std::int64_t runId);

private:
    struct Counts {
        std::uint64_t tasks = 0, requests = 0, segments = 0, snapshots = 0, checks = 0, strings = 0, lanes = 0,
                      states = 0;
        bool timelineIndexed = false;
        std::int64_t runId = 0;
    };

    static Result<Counts> readRunRow(Database& db, std::int64_t runId, Run& run);
    static Result<void> readSmallTables(Database& db, std::int64_t runId, const Counts& counts, Run& run);
    // The requests, segments and lane states (what the timeline's index reads).
    static Result<void> readTimelineColumns(Database& db, const ColumnReader& columns, const Counts& counts, Run& run);
    // The snapshots and checks.
    static Result<void> readDetailColumns(const ColumnReader& columns, const Counts& counts, Run& run);
    static Result<void> checkSegmentLanes(const Database& db, const Run& run, const Counts& counts);
};

} // namespace aioscope::store
