#pragma once
#include "model/Result.h"

#include <string>
#include <vector>

namespace aioscope::probes {

// The probes' own folder, <parent>/aioscope-probe-PID-XXXXXX (mode 0755 so a
// thread running as nobody can reach the root-only directory inside and
// be refused there, not earlier). Removed by the destructor, by the handler
// installInterruptCleanup() sets up (Ctrl-C, kill), and, after kill -9, by
// removeAbandoned() at the next start of any aioscope command.
class ProbeScratchDir {
public:
    // Removes abandoned folders in `parent`, then creates a new one.
    static Result<ProbeScratchDir> create(const std::string& parent);
    // Removes `<parent>/aioscope-probe-PID-*` folders whose PID no longer runs; returns them.
    static std::vector<std::string> removeAbandoned(const std::string& parent);
    // SIGINT, SIGTERM, SIGHUP and SIGQUIT remove the live folder (async-signal-safe
    // system calls only), then end the process as the signal would have.
    static void installInterruptCleanup();

    ProbeScratchDir(ProbeScratchDir&& other) noexcept : path_(std::move(other.path_)) { other.path_.clear(); }
    ProbeScratchDir& operator=(ProbeScratchDir&&) = delete;
    ~ProbeScratchDir();

    const std::string& path() const { return path_; }
    // A fresh subfolder for one cell.
    Result<std::string> cellDir(const std::string& name) const;

private:
    explicit ProbeScratchDir(std::string path);
    std::string path_;
};

} // namespace aioscope::probes
