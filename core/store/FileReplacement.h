#pragma once
#include "model/Result.h"

#include <string>

namespace aioscope::store {

// Builds a new version of a file beside it (`<path>.tmp-<pid>`) and moves it
// over the target with rename() only once it is complete and on disk: a
// crash (even kill -9) leaves either the old file or the new one, never half.
class FileReplacement {
public:
    explicit FileReplacement(std::string target);
    ~FileReplacement(); // removes the temporary file unless commit() succeeded
    FileReplacement(const FileReplacement&) = delete;
    FileReplacement& operator=(const FileReplacement&) = delete;

    const std::string& tempPath() const { return temp_; }
    const std::string& target() const { return target_; }
    // Removes a stale temporary file of this process, if any.
    Result<void> prepare();
    // fsyncs the temporary file, renames it over the target, fsyncs the directory.
    Result<void> commit();
    // As commit(), but only when no file has the target's name: false (and
    // the temporary file removed) when one appeared meanwhile.
    Result<bool> commitIfAbsent();

private:
    Result<bool> moveIntoPlace(bool replace);
    void removeTemp();
    std::string target_;
    std::string temp_;
    std::string registryEntry_; // TempFileRegistry: found after a kill -9 by the next command
    bool committed_ = false;
};

} // namespace aioscope::store
