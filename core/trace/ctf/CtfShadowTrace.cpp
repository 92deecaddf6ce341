#include "trace/ctf/CtfShadowTrace.h"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>
#include <vector>

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

std::size_t CtfShadowTrace::removeLeftoversOfDeadProcesses() {
    constexpr std::string_view kPrefix = "aioscope-ctf-shadow-";
    std::error_code ec;
    std::vector<fs::path> leftovers;
    for (const auto& entry : fs::directory_iterator(fs::temp_directory_path(ec), ec)) {
        const std::string name = entry.path().filename().string();
        if (!name.starts_with(kPrefix))
            continue;
        // aioscope-ctf-shadow-PID-XXXXXX
        char* end = nullptr;
        const long pid = std::strtol(name.c_str() + kPrefix.size(), &end, 10);
        if (pid <= 0 || !end || *end != '-')
            continue;
        // Only real folders of this user, never through a link someone put there.
        struct stat st {};
        if (::lstat(entry.path().c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != ::geteuid())
            continue;
        if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH)
            continue; // its maker still runs (or is another user's)
        leftovers.push_back(entry.path());
    }
    std::size_t removed = 0;
    for (const auto& dir : leftovers) {
        std::error_code removeEc;
        fs::remove_all(dir, removeEc); // removes the links, never their targets
        removed += removeEc ? 0 : 1;
    }
    return removed;
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
