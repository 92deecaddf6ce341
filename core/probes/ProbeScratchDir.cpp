#include "probes/ProbeScratchDir.h"

#include "probes/ProbeFiles.h"

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <sys/stat.h>

namespace aioscope::probes {

Result<ProbeScratchDir> ProbeScratchDir::create(const std::string& parent) {
    char resolved[PATH_MAX];
    if (!::realpath(parent.c_str(), resolved))
        return makeError("probe directory " + parent + ": " + std::strerror(errno));
    std::string templ = std::string(resolved) + "/aioscope-probe-XXXXXX";
    if (!::mkdtemp(templ.data()))
        return makeError("cannot create a scratch folder in " + std::string(resolved) + ": " + std::strerror(errno));
    ::chmod(templ.c_str(), 0755);
    return ProbeScratchDir(templ);
}

ProbeScratchDir::~ProbeScratchDir() {
    if (!path_.empty())
        ProbeFiles::removeTree(path_);
}

Result<std::string> ProbeScratchDir::cellDir(const std::string& name) const {
    std::string dir = path_ + "/" + name;
    if (auto made = ProbeFiles::makeDir(dir, 0755); !made)
        return made.error();
    return dir;
}

} // namespace aioscope::probes
