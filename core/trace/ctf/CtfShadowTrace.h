#pragma once
#include <set>
#include <string>

namespace aioscope::trace {

// babeltrace2 refuses a whole trace when one of its stream files is damaged
// (a bad packet header, a truncated packet). To read the other streams, the
// reader points source.ctf.fs at a shadow of the trace directory: a temporary
// directory of symbolic links to every entry except the refused files.
// Removed with this object.
class CtfShadowTrace {
public:
    CtfShadowTrace(std::string original, std::set<std::string> excludedNames);
    ~CtfShadowTrace();
    CtfShadowTrace(const CtfShadowTrace&) = delete;
    CtfShadowTrace& operator=(const CtfShadowTrace&) = delete;

    bool ok() const { return !path_.empty(); }
    const std::string& path() const { return path_; }
    const std::string& original() const { return original_; }
    const std::set<std::string>& excluded() const { return excluded_; }

    // Removes the shadows process `pid` left behind (it crashed; see
    // CtfPreflight). Shadow directory names carry the pid of their maker.
    static void removeLeftoversOf(int pid);
    // Removes every shadow in the temp folder whose maker is gone (killed
    // during an import: SIGKILL, a timeout, Ctrl-C). Run at the start of
    // every command; returns how many were removed.
    static std::size_t removeLeftoversOfDeadProcesses();

    // The stream file of `directory` that a babeltrace2 error message names
    // (quoted with ` or '), as a file name; empty when it names none.
    static std::string streamFileNamedIn(const std::string& message, const std::string& directory);

private:
    std::string original_;
    std::set<std::string> excluded_;
    std::string path_;
};

} // namespace aioscope::trace
