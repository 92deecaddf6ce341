#include "cli/SiblingProgram.h"

#include <climits>
#include <unistd.h>

namespace aioscope::cli {

std::string SiblingProgram::path(const char* name) {
    char self[PATH_MAX];
    const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0)
        return {};
    std::string dir(self, static_cast<std::size_t>(n));
    const std::size_t slash = dir.rfind('/');
    if (slash == std::string::npos)
        return {};
    dir.resize(slash + 1);
    return dir + name;
}

} // namespace aioscope::cli
