#pragma once
#include "model/Result.h"

#include <string>

namespace aioscope::probes {

// The probes' own folder, <parent>/aioscope-probe-XXXXXX (mode 0755 so a
// thread running as nobody can reach the root-only directory inside and
// be refused there, not earlier). Removed by the destructor.
class ProbeScratchDir {
public:
    static Result<ProbeScratchDir> create(const std::string& parent);
    ProbeScratchDir(ProbeScratchDir&& other) noexcept : path_(std::move(other.path_)) { other.path_.clear(); }
    ProbeScratchDir& operator=(ProbeScratchDir&&) = delete;
    ~ProbeScratchDir();

    const std::string& path() const { return path_; }
    // A fresh subfolder for one cell.
    Result<std::string> cellDir(const std::string& name) const;

private:
    explicit ProbeScratchDir(std::string path) : path_(std::move(path)) {}
    std::string path_;
};

} // namespace aioscope::probes
