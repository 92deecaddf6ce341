#pragma once
#include <string>
#include <sys/types.h>
#include <vector>

namespace aioscope::test {

// `aioscope` as a child process, stdout and stderr captured in files.
class ChildProcess {
public:
    static std::string aioscope();
    // Starts `program args...`; output goes to files inside `workDir`.
    // With `uid` >= 0 the child drops to that user (and its group) before exec.
    ChildProcess(const std::vector<std::string>& argv, const std::string& workDir, int uid = -1);
    ~ChildProcess();
    pid_t pid() const { return pid_; }
    void signal(int sig) const;
    // Waits; returns the exit code, or 128 + signal when killed.
    int wait();
    // The child's peak resident memory (after wait()).
    long maxResidentKiB() const { return maxResidentKiB_; }
    std::string out() const;
    std::string err() const;

    // Runs to completion.
    static int run(const std::vector<std::string>& argv, const std::string& workDir, std::string* out,
                   std::string* err, int uid = -1);

private:
    pid_t pid_ = -1;
    std::string outPath_, errPath_;
    int status_ = -1;
    long maxResidentKiB_ = 0;
};

} // namespace aioscope::test
