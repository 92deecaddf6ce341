#pragma once
#include "model/Result.h"
#include "store/Database.h"

#include <string>

namespace aioscope::store {

// What the CLI and the GUI need to know about a `.aioscope` file before
// loading it: is it one (SQLite header + application_id, without opening
// SQLite), and a checked read-only connection to it.
class SessionFile {
public:
    static constexpr const char* kSuffix = ".aioscope";

    // True when the file starts with the SQLite header and carries aioscope's application_id.
    static bool looksLikeSession(const std::string& path);
    // Opens read-only and checks application_id and schema version. Falls back
    // to an immutable open for a WAL file in a directory we cannot write.
    static Result<Database> openForReading(const std::string& path);
    // A read-only connection to a WAL file creates PATH-wal and PATH-shm and
    // cannot remove them. True when they exist (someone else may be using them).
    static bool hasWalSidecars(const std::string& path);
    // After our read-only connection closed: if the sidecars were not there
    // before, let a last, idle read-write connection remove them (an empty
    // checkpoint does not change the file's bytes).
    static void removeWalSidecars(const std::string& path);
    // Fails (naming the file) when a save to `path` must not replace it: a
    // read-only file, a directory, or a file that is not an aioscope session.
    static Result<void> checkReplaceable(const std::string& path);
};

} // namespace aioscope::store
