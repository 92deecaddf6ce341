#pragma once
#include <string>
#include <vector>

namespace aioscope::store {

// A save builds its new file beside the user's (`NAME.tmp-PID`, see
// FileReplacement), a report its files in a folder beside the user's
// (cli::ReportPublisher), wherever that is; kill -9 leaves them there. Each such file
// is recorded while it exists as a symlink `PID-N` -> its absolute path in a
// private per-user folder of the temp folder ($TMPDIR or /tmp,
// `aioscope-temps-UID/`, mode 0700), so the next aioscope command, whatever it
// is, finds and removes the files of processes that are gone.
class TempFileRegistry {
public:
    // Records `path` as owned by this process; returns the entry to forget()
    // (empty when the registry folder is unusable: the file is then only
    // found by the next save beside it).
    static std::string record(const std::string& path);
    static void forget(const std::string& entry);
    // Removes the recorded files (and their -wal/-shm/-journal) of processes
    // that no longer run, and their entries; returns the files removed.
    // Only a path whose name carries the dead PID is touched: a file
    // `*.tmp-PID`, or a report's staging folder `.aioscope-report-PID-*`
    // (its files, then the folder).
    static std::vector<std::string> removeAbandoned();
    // The registry folder (created on first use).
    static std::string folder();
};

} // namespace aioscope::store
