#pragma once
#include <cstdlib>
#include <optional>
#include <string>

namespace aioscope::test {

// Sets an environment variable for one scope, then puts back what was there.
// A test that checks what code leaves in the temp folder points TMPDIR at
// its own folder with it, so tests running in parallel do not see each
// other's files.
class ScopedEnv {
public:
    ScopedEnv(std::string name, const std::string& value) : name_(std::move(name)) {
        if (const char* old = std::getenv(name_.c_str()))
            old_ = old;
        ::setenv(name_.c_str(), value.c_str(), 1);
    }
    ~ScopedEnv() {
        if (old_)
            ::setenv(name_.c_str(), old_->c_str(), 1);
        else
            ::unsetenv(name_.c_str());
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    std::string name_;
    std::optional<std::string> old_;
};

} // namespace aioscope::test
