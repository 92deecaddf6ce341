#include "ChildProcess.h"

#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace aioscope::test {

namespace {
std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}
int counter = 0;
} // namespace

std::string ChildProcess::aioscope() { return std::string(AIOSCOPE_BINARY_DIR) + "/app/aioscope"; }

ChildProcess::ChildProcess(const std::vector<std::string>& argv, const std::string& workDir, int uid) {
    const std::string tag = std::to_string(::getpid()) + "-" + std::to_string(counter++);
    outPath_ = workDir + "/child-" + tag + ".out";
    errPath_ = workDir + "/child-" + tag + ".err";
    pid_ = ::fork();
    if (pid_ == 0) {
        int o = ::open(outPath_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int e = ::open(errPath_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ::dup2(o, 1);
        ::dup2(e, 2);
        if (uid >= 0 && (::setgid(static_cast<gid_t>(uid)) != 0 || ::setuid(static_cast<uid_t>(uid)) != 0))
            ::_exit(126);
        std::vector<char*> args;
        for (const auto& a : argv)
            args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        ::execv(args[0], args.data());
        ::_exit(127);
    }
}

ChildProcess::~ChildProcess() {
    if (pid_ > 0 && status_ == -1) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
    }
    ::unlink(outPath_.c_str());
    ::unlink(errPath_.c_str());
}

void ChildProcess::signal(int sig) const { ::kill(pid_, sig); }

int ChildProcess::wait() {
    if (status_ == -1) {
        struct rusage usage {};
        ::wait4(pid_, &status_, 0, &usage);
        maxResidentKiB_ = usage.ru_maxrss;
    }
    if (WIFEXITED(status_))
        return WEXITSTATUS(status_);
    return 128 + WTERMSIG(status_);
}

std::string ChildProcess::out() const { return slurp(outPath_); }
std::string ChildProcess::err() const { return slurp(errPath_); }

int ChildProcess::run(const std::vector<std::string>& argv, const std::string& workDir, std::string* out,
                      std::string* err, int uid) {
    ChildProcess c(argv, workDir, uid);
    int rc = c.wait();
    if (out)
        *out = c.out();
    if (err)
        *err = c.err();
    return rc;
}

} // namespace aioscope::test
