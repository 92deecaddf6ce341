#pragma once
#include "model/Result.h"

#include <cstdint>

namespace aioscope::store {

class Database;

// The session file's layout (core/store/README.md describes every table).
// The version lives in PRAGMA user_version; migrations are an ordered list
// and only ever run inside a save, never when a file is merely opened.
class Schema {
public:
    // PRAGMA application_id of every session file: "AIOS".
    static constexpr std::int32_t kApplicationId = 0x41494F53;
    static constexpr int kCurrentVersion = 4;

    // Brings an empty or older file to kCurrentVersion (call inside a transaction).
    static Result<void> migrate(Database& db);
    // Checks that the open file is a session this build can read and returns its version.
    static Result<int> check(Database& db);
    // Pragmas for a connection that writes: foreign keys on.
    static Result<void> configureWriter(Database& db);
};

} // namespace aioscope::store
