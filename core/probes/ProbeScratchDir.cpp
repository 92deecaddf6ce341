#include "probes/ProbeScratchDir.h"

#include "probes/ProbeFiles.h"

#include <cctype>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace aioscope::probes {

namespace {

constexpr const char* kPrefix = "aioscope-probe-";

// The live folder, for the signal handler (which may not allocate).
char gLivePath[PATH_MAX];
volatile sig_atomic_t gLive = 0;

// "aioscope-probe-PID-XXXXXX": the owner's pid, or 0 for any other name.
long ownerOf(const char* name) {
    const std::size_t prefix = std::strlen(kPrefix);
    if (std::strncmp(name, kPrefix, prefix) != 0)
        return 0;
    char* end = nullptr;
    const long pid = std::strtol(name + prefix, &end, 10);
    if (end == name + prefix || *end != '-' || pid <= 0 || std::strlen(end + 1) != 6)
        return 0;
    for (const char* p = end + 1; *p; ++p)
        if (!std::isalnum(static_cast<unsigned char>(*p)))
            return 0;
    return pid;
}

// Removes what `dirFd` holds with system calls only (async-signal-safe):
// a few passes, since entries are removed while the directory is read.
void removeContents(int dirFd, int depth) {
    if (depth > 16)
        return;
    alignas(8) char buf[4096];
    for (int pass = 0; pass < 4; ++pass) {
        bool removed = false;
        ::lseek(dirFd, 0, SEEK_SET);
        for (;;) {
            const ssize_t n = ::getdents64(dirFd, buf, sizeof buf);
            if (n <= 0)
                break;
            for (ssize_t off = 0; off < n;) {
                auto* e = reinterpret_cast<struct dirent64*>(buf + off);
                off += e->d_reclen;
                const char* name = e->d_name;
                if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0')))
                    continue;
                if (e->d_type == DT_DIR) {
                    const int child = ::openat(dirFd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
                    if (child >= 0) {
                        removeContents(child, depth + 1);
                        ::close(child);
                    }
                    removed |= ::unlinkat(dirFd, name, AT_REMOVEDIR) == 0;
                } else {
                    removed |= ::unlinkat(dirFd, name, 0) == 0;
                }
            }
        }
        if (!removed)
            return;
    }
}

void onInterrupt(int sig) {
    if (gLive) {
        const int fd = ::open(gLivePath, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd >= 0) {
            removeContents(fd, 0);
            ::close(fd);
        }
        ::rmdir(gLivePath);
        gLive = 0;
    }
    ::signal(sig, SIG_DFL);
    ::raise(sig);
}

} // namespace

std::vector<std::string> ProbeScratchDir::removeAbandoned(const std::string& parent) {
    std::vector<std::string> removed;
    DIR* d = ::opendir(parent.c_str());
    if (!d)
        return removed;
    std::vector<std::string> gone;
    while (const dirent* e = ::readdir(d)) {
        const long pid = ownerOf(e->d_name);
        if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH)
            gone.push_back(parent + "/" + e->d_name);
    }
    ::closedir(d);
    for (const auto& dir : gone) {
        struct stat st {};
        if (::lstat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != ::geteuid())
            continue;
        ProbeFiles::removeTree(dir); // FTW_PHYS: never follows a link out of it
        removed.push_back(dir);
    }
    return removed;
}

void ProbeScratchDir::installInterruptCleanup() {
    struct sigaction sa {};
    sa.sa_handler = onInterrupt;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESETHAND;
    for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT})
        ::sigaction(sig, &sa, nullptr);
}

Result<ProbeScratchDir> ProbeScratchDir::create(const std::string& parent) {
    char resolved[PATH_MAX];
    if (!::realpath(parent.c_str(), resolved))
        return makeError("probe directory " + parent + ": " + std::strerror(errno));
    removeAbandoned(resolved);
    std::string templ = std::string(resolved) + "/" + kPrefix + std::to_string(::getpid()) + "-XXXXXX";
    if (!::mkdtemp(templ.data()))
        return makeError("cannot create a scratch folder in " + std::string(resolved) + ": " + std::strerror(errno));
    ::chmod(templ.c_str(), 0755);
    return ProbeScratchDir(templ);
}

ProbeScratchDir::ProbeScratchDir(std::string path) : path_(std::move(path)) {
    if (path_.size() < sizeof gLivePath) {
        std::memcpy(gLivePath, path_.c_str(), path_.size() + 1);
        gLive = 1;
    }
}

ProbeScratchDir::~ProbeScratchDir() {
    if (path_.empty())
        return;
    if (gLive && path_ == gLivePath)
        gLive = 0;
    ProbeFiles::removeTree(path_);
}

Result<std::string> ProbeScratchDir::cellDir(const std::string& name) const {
    std::string dir = path_ + "/" + name;
    if (auto made = ProbeFiles::makeDir(dir, 0755); !made)
        return made.error();
    return dir;
}

} // namespace aioscope::probes
