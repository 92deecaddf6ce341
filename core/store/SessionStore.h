#pragma once
#include "model/Result.h"
#include "model/Session.h"

#include <cstdint>
#include <string>

namespace aioscope::store {

// Saves and loads `.aioscope` session files (SQLite; README.md in this
// folder lists the tables). Every error names the file; a failed save leaves
// the previous file byte-identical.
class SessionStore {
public:
    // Writes the whole session to `path.tmp-PID` in one transaction, then
    // renames it over `path`. Annotations with id 0 get new ids.
    static Result<void> save(const Session& session, const std::string& path);
    // Reads the whole session. Never changes the file (read-only connection, no migration).
    static Result<Session> load(const std::string& path);

    // Incremental changes to an existing file, each one transaction on the
    // file itself (WAL): the GUI calls these as the user edits.
    static Result<std::uint32_t> appendRun(const std::string& path, const Run& run); // returns the run's index
    // Adds runs to a session, creating the file when there is none; several
    // processes doing this at once take turns (SessionLock) and every run is
    // kept. Returns the index of the first.
    static Result<std::uint32_t> appendRuns(const std::string& path, const std::vector<const Run*>& runs);
    // Fails (naming the file) unless appendRuns could add to `path`: a
    // writable folder for a new file, or a writable session this build reads.
    // Leaves the file and its folder as they were.
    static Result<void> checkAppendable(const std::string& path);
    static Result<std::int64_t> addAnnotation(const std::string& path, const Annotation& annotation); // returns its id
    static Result<void> updateAnnotation(const std::string& path, const Annotation& annotation);
    static Result<void> removeAnnotation(const std::string& path, std::int64_t id);
    static Result<std::vector<Annotation>> loadAnnotations(const std::string& path);
    static Result<void> addMatrix(const std::string& path, const LeakMatrix& matrix);
    // Run `run`'s trace was found at `newPath` (already checked to be the same
    // file by size and header hash, which the stored identity must match).
    static Result<void> relocateEventSource(const std::string& path, std::uint32_t run, const std::string& newPath,
                                            std::uint64_t size, std::uint64_t headHash);
};

} // namespace aioscope::store
