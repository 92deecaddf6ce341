#pragma once
#include "model/Result.h"
#include "model/Run.h"

#include <cstdint>

namespace aioscope::store {

class Database;

// Writes one Run under run id `runId` (its index in Session::runs): the run's
// small tables as rows, its bulk tables once, as encoded packed columns (the
// SQL console shows them as rows: SessionRowTables). Call inside a transaction.
class RunWriter {
public:
    static Result<void> write(Database& db, const Run& run, std::int64_t runId);

private:
    static Result<void> writeRunRow(Database& db, const Run& run, std::int64_t runId);
    static Result<void> writeSmallTables(Database& db, const Run& run, std::int64_t runId);
    static Result<void> writeColumns(Database& db, const Run& run, std::int64_t runId);
};

} // namespace aioscope::store
