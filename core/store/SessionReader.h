#pragma once
#include "model/Result.h"
#include "model/Session.h"

namespace aioscope::store {

class Database;

// Reads a whole Session from a checked database (one read transaction, so a
// concurrent append is either all in or all out).
class SessionReader {
public:
    static Result<Session> read(Database& db);
    static Result<std::vector<Annotation>> readAnnotations(Database& db);

private:
    static Result<std::vector<LeakMatrix>> readMatrices(Database& db);
};

} // namespace aioscope::store
