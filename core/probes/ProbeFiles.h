#pragma once
#include "model/Result.h"

#include <string>
#include <sys/types.h>

namespace aioscope::probes {

// Small file helpers for the probes' targets; errors name the path.
class ProbeFiles {
public:
    static Result<void> makeDir(const std::string& path, mode_t mode);
    static Result<void> writeFile(const std::string& path, const std::string& content, mode_t mode = 0644);
    // open(2) with O_CLOEXEC; the fd belongs to the caller.
    static Result<int> openFile(const std::string& path, int flags, mode_t mode = 0644);
    static Result<ino_t> inode(int fd);
    // "/proc/self/fd/N" target.
    static std::string fdPath(int fd);
    static std::string errnoName(int err); // "EACCES (Permission denied)"
    // Removes a tree (no symlinks followed); best effort.
    static void removeTree(const std::string& path);
};

} // namespace aioscope::probes
