#pragma once
// What one run of the aioscope binary did, and what a folder holds: the
// hostile CLI tests compare exit codes, messages and folders before/after.
#include "ChildProcess.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace aioscope::test {

struct CliOutcome {
    int exitCode = -1;
    long maxResidentKiB = 0; // the child's peak memory
    std::string out;
    std::string err;
    std::vector<std::string> errLines() const {
        std::vector<std::string> lines;
        std::istringstream in(err);
        for (std::string line; std::getline(in, line);)
            lines.push_back(line);
        return lines;
    }
};

// Runs `aioscope args...` to completion; its stdout/stderr go through files
// in `outputDir` (keep that outside the folders a test inspects).
inline CliOutcome runAioscope(const std::vector<std::string>& args, const std::string& outputDir) {
    std::vector<std::string> argv{ChildProcess::aioscope()};
    argv.insert(argv.end(), args.begin(), args.end());
    CliOutcome o;
    ChildProcess child(argv, outputDir);
    o.exitCode = child.wait();
    o.maxResidentKiB = child.maxResidentKiB();
    o.out = child.out();
    o.err = child.err();
    return o;
}

// Every name in `dir`, recursively, sorted ("sub/file"); links are listed, not followed.
inline std::vector<std::string> listing(const std::string& dir) {
    std::vector<std::string> names;
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec))
        names.push_back(it->path().lexically_relative(dir).string());
    std::sort(names.begin(), names.end());
    return names;
}

// Unsets an environment variable for one scope (children inherit that), then puts it back.
class ScopedUnset {
public:
    explicit ScopedUnset(std::string name) : name_(std::move(name)) {
        if (const char* old = std::getenv(name_.c_str()))
            old_ = old;
        ::unsetenv(name_.c_str());
    }
    ~ScopedUnset() {
        if (old_)
            ::setenv(name_.c_str(), old_->c_str(), 1);
    }
    ScopedUnset(const ScopedUnset&) = delete;
    ScopedUnset& operator=(const ScopedUnset&) = delete;

private:
    std::string name_;
    std::optional<std::string> old_;
};

inline bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

} // namespace aioscope::test
