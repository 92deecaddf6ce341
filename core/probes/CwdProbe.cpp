#include "probes/CwdProbe.h"

#include "probes/ExecutorLocator.h"
#include "probes/ProbeFiles.h"
#include "probes/ThreadIdentity.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace aioscope::probes {

namespace {
constexpr const char* kSubmitterContent = "A: the submitting thread's own cwd\n";
constexpr const char* kProcessContent = "B: the process-wide cwd\n";
constexpr const char* kWarmName = "warm-up.txt";
} // namespace

CwdProbe::~CwdProbe() { finish(); }

std::string CwdProbe::unsupportedReason(std::string_view design) const {
    return std::string(design) +
           " has no open operation: relative paths are resolved by the submitter's own open() before any request, "
           "so no executor ever consults a cwd";
}

Result<void> CwdProbe::prepare(const std::string& cellDir) {
    submitterDir_ = cellDir + "/submitter-cwd";
    processDir_ = cellDir + "/process-cwd";
    for (const auto& [dir, content] : {std::pair{submitterDir_, kSubmitterContent}, {processDir_, kProcessContent}}) {
        if (auto made = ProbeFiles::makeDir(dir, 0755); !made)
            return made;
        if (auto w = ProbeFiles::writeFile(dir + "/" + kFileName, content); !w)
            return w;
        if (auto w = ProbeFiles::writeFile(dir + "/" + kWarmName, content); !w)
            return w;
    }
    // The process cwd moves to B for this probe only; finish() moves it back.
    savedCwd_ = ::open(".", O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (savedCwd_ < 0)
        return makeError(std::string("cannot remember the current directory: ") + std::strerror(errno));
    if (::chdir(processDir_.c_str()) != 0)
        return makeError("cannot chdir to " + processDir_ + ": " + std::strerror(errno));
    return {};
}

std::optional<engine::IoRequest> CwdProbe::warmUp() {
    engine::IoRequest r;
    r.op = IoOp::Open;
    r.fd = AT_FDCWD;
    r.path = kWarmName;
    r.openFlags = O_RDONLY | O_CLOEXEC;
    return r;
}

Result<std::string> CwdProbe::apply() {
    if (auto changed = ThreadIdentity::unshareFsAndChdir(submitterDir_); !changed)
        return changed.error();
    return "cwd " + submitterDir_ + " on tid " + std::to_string(ThreadIdentity::tid()) +
           " after unshare(CLONE_FS); the process cwd is " + processDir_;
}

engine::IoRequest CwdProbe::request() {
    engine::IoRequest r = *warmUp();
    r.path = kFileName;
    return r;
}

void CwdProbe::judge(const ProbeObservation& obs, ProbeCell& cell) {
    auto sighting = ExecutorLocator::locate(obs, {});
    cell.evidence += "executor: " + sighting.basis + "\n";
    if (!obs.completed) {
        cell.verdict = ProbeVerdict::NotObservable;
        cell.reason = "the open did not complete: " + obs.requestError;
        return;
    }
    std::int64_t res = obs.completion.result;
    if (res < 0) {
        cell.verdict = ProbeVerdict::NotObservable;
        cell.reason = "open(\"" + std::string(kFileName) + "\") failed with " +
                      ProbeFiles::errnoName(static_cast<int>(-res));
        cell.outcome = cell.reason;
        return;
    }
    int fd = static_cast<int>(res);
    std::string opened = ProbeFiles::fdPath(fd);
    char buf[128] = {};
    ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
    ::close(fd);
    std::string content = n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string();
    while (!content.empty() && content.back() == '\n')
        content.pop_back();
    cell.executorValue = "resolved \"" + std::string(kFileName) + "\" to " + opened;
    if (content.rfind("A:", 0) == 0) {
        cell.verdict = ProbeVerdict::Carried;
        cell.outcome = "the relative open found " + opened + " (\"" + content + "\"): the submitter's cwd";
    } else if (content.rfind("B:", 0) == 0) {
        cell.verdict = ProbeVerdict::Leak;
        cell.outcome = "the relative open found " + opened + " (\"" + content +
                       "\"): the process cwd, not the submitter's";
    } else {
        cell.verdict = ProbeVerdict::NotObservable;
        cell.reason = "the opened file " + opened + " is neither probe file";
    }
}

void CwdProbe::finish() {
    if (savedCwd_ >= 0) {
        (void)::fchdir(savedCwd_);
        ::close(savedCwd_);
        savedCwd_ = -1;
    }
}

} // namespace aioscope::probes
