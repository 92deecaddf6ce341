#pragma once
#include "model/Result.h"

#include <string>
#include <vector>

namespace aioscope::cli {

// Puts a report's files into the folder the user named without writing
// through a link already there and without replacing a file unasked. The
// report is first written into a private staging folder inside it
// (`.aioscope-report-PID-XXXXXX`, recorded in store::TempFileRegistry so a
// killed report's leftovers are swept); publish() then renames each file into
// place: rename(2) replaces a link itself, never the file it points to, and
// without `force` RENAME_NOREPLACE refuses any name that is taken. A failure
// (a full disk) leaves nothing: the destructor removes the staging folder,
// and the report folder too when it made it and it is still empty.
class ReportPublisher {
public:
    // Creates `outDir` if needed and the staging folder inside it.
    static Result<ReportPublisher> stage(const std::string& outDir);
    ReportPublisher(ReportPublisher&& other) noexcept;
    ReportPublisher& operator=(ReportPublisher&&) = delete;
    ~ReportPublisher();

    const std::string& stagingDir() const { return staging_; }
    // The staged files' names already taken in the folder.
    std::vector<std::string> taken(const std::vector<std::string>& stagedFiles) const;
    // Moves the staged files (paths inside stagingDir()) into the folder;
    // returns their new paths.
    Result<std::vector<std::string>> publish(const std::vector<std::string>& stagedFiles, bool force);

private:
    ReportPublisher(std::string outDir, std::string staging, std::string registryEntry, bool createdOutDir);
    std::string outDir_;
    std::string staging_;
    std::string registryEntry_;
    bool createdOutDir_ = false; // removed again (if still empty) when nothing was published
    bool published_ = false;
};

} // namespace aioscope::cli
