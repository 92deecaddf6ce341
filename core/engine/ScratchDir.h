#pragma once
#include "model/Result.h"

#include <string>
#include <vector>

namespace aioscope::engine {

// The only place the engine writes: `<parent>/aioscope-<id>/`, holding a
// `lock` file locked (flock) for the life of the run. A folder whose lock no
// live process holds is stale (its run died) and is removed at the next start.
class ScratchDir {
public:
    // Removes stale folders in `parent`, then creates and locks a new one.
    // Errors name the folder and say what to do (EACCES, EROFS, ENOENT...).
    static Result<ScratchDir> create(const std::string& parent);
    // Removes `<parent>/aioscope-*` folders whose lock is not held; returns their paths.
    static std::vector<std::string> removeStale(const std::string& parent);

    ScratchDir(ScratchDir&& other) noexcept;
    ScratchDir& operator=(ScratchDir&& other) noexcept;
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    ~ScratchDir(); // removes the folder

    const std::string& path() const { return path_; }
    std::string file(const std::string& name) const { return path_ + "/" + name; }
    const std::vector<std::string>& removedStale() const { return removedStale_; }
    // Removes the folder now (idempotent).
    void remove();

private:
    ScratchDir() = default;
    std::string path_;
    int lockFd_ = -1;
    std::vector<std::string> removedStale_;
};

} // namespace aioscope::engine
