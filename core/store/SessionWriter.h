#pragma once
#include "model/Result.h"
#include "model/Session.h"

#include <cstdint>

namespace aioscope::store {

class Database;

// Writes a whole Session into an empty, migrated database, and the pieces
// that incremental operations write on their own. Call inside a transaction.
class SessionWriter {
public:
    static Result<void> write(Database& db, const Session& session);
    static Result<void> writeMatrix(Database& db, const LeakMatrix& matrix);
    // Inserts with the annotation's id, or a new one when id is 0; returns the id.
    static Result<std::int64_t> insertAnnotation(Database& db, const Annotation& a);
};

} // namespace aioscope::store
