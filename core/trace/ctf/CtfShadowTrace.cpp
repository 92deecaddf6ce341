#include "trace/ctf/CtfShadowTrace.h"

#include <filesystem>
#include <system_error>
#include <vector>
#include <unistd.h>

namespace fs = std::filesystem;

namespace aioscope::trace {

namespace {

std::string prefixOf(int pid)
{
    return "aioscope-ctf-shadow-" + std::to_string(pid) + "-";
}

} // namespace

CtfShadowTrace::CtfShadowTrace(std::string original, std::set<std::string> excludedNames)
    : original_(std::move(original)), excluded_(std::move(excludedNames))
{
    std::error_code ec;
    std::string pattern = (fs::temp_directory_path(ec) / (prefixOf(::getpid()) + "XXXXXX")).string();
    if (ec || !::mkdtemp(pattern.data()))
        return;
    path_ = pattern;
    const fs::path source = fs::absolute(original_, ec);
    for (const auto& entry : fs::directory_iterator(source, ec)) {
        const std::string name = entry.path().filename().string();
        if (excluded_.count(name))
            continue;
        std::error_code linkEc;
        fs::create_symlink(entry.path(), fs::path(path_) / name, linkEc);
        if (linkEc) {
            fs::remove_all(path_, linkEc);
            path_.clear();
            return;
        }
    }
    if (ec) {
        fs::remove_all(path_, ec);
        path_.clear();
    }
}

CtfShadowTrace::~CtfShadowTrace()
{
    std::error_code ec;
    if (!path_.empty())
        fs::remove_all(path_, ec); // removes the links, never their targets
}

void CtfShadowTrace::removeLeftoversOf(int pid)
{
    std::error_code ec;
    const std::string prefix = prefixOf(pid);
    std::vector<fs::path> leftovers;
    for (const auto& entry : fs::directory_iterator(fs::temp_directory_path(ec), ec))
        if (entry.path().filename().string().rfind(prefix, 0) == 0)
            leftovers.push_back(entry.path());
    for (const auto& dir : leftovers)
        fs::remove_all(dir, ec);
}

std::string CtfShadowTrace::streamFileNamedIn(const std::string& message, const std::string& directory)
{
    const std::string prefix = directory + "/";
    for (std::size_t at = message.find(prefix); at != std::string::npos; at = message.find(prefix, at + 1)) {
        if (at == 0 || (message[at - 1] != '`' && message[at - 1] != '\''))
            continue;
        const std::size_t begin = at + prefix.size();
        const std::size_t end = message.find_first_of("`'", begin);
        if (end == std::string::npos)
            continue;
        const std::string name = message.substr(begin, end - begin);
        if (!name.empty() && name.find('/') == std::string::npos && name != "metadata")
            return name;
    }
    return {};
}

} // namespace aioscope::trace
