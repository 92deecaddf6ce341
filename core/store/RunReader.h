#pragma once
#include "model/Result.h"
#include "model/Run.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace aioscope::store {

class Database;

// Reads one Run back: small tables as rows, bulk tables from the packed
// columns (each checked for shape and checksum), then rebuilds the timeline's
// derived index instead of storing it.
class RunReader {
public:
    static Result<Run> read(Database& db, std::int64_t runId);

private:
    struct StoredColumn {
        std::int64_t rowid = 0;
        std::uint32_t width = 0;
        std::uint64_t count = 0;
        std::uint64_t checksum = 0;
        std::uint64_t size = 0;
    };
    using ColumnIndex = std::map<std::string, StoredColumn>;

    struct Counts {
        std::uint64_t tasks = 0, requests = 0, segments = 0, snapshots = 0, checks = 0, strings = 0, lanes = 0,
                      states = 0;
        bool timelineIndexed = false;
        std::int64_t runId = 0;
    };

    static Result<Counts> readRunRow(Database& db, std::int64_t runId, Run& run);
    static Result<void> readSmallTables(Database& db, std::int64_t runId, const Counts& counts, Run& run);
    static Result<void> readColumns(Database& db, std::int64_t runId, const Counts& counts, Run& run);
    static Result<void> checkSegmentLanes(const Database& db, const Run& run, const Counts& counts);
    template <typename T>
    static Result<void> loadColumn(Database& db, const ColumnIndex& index, const std::string& name,
                                   std::uint64_t expectedCount, std::vector<T>& out);
};

} // namespace aioscope::store
