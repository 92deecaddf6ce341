#include "store/TempFileRegistry.h"

#include <atomic>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdlib>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

namespace aioscope::store {

namespace {

std::string registryPath() {
    const char* tmp = std::getenv("TMPDIR");
    std::string base = tmp && *tmp ? tmp : "/tmp";
    while (base.size() > 1 && base.back() == '/')
        base.pop_back();
    return base + "/aioscope-temps-" + std::to_string(::geteuid());
}

// The folder, if it is ours: a real directory owned by us that nobody else can write.
bool usable(const std::string& dir, bool create) {
    if (create)
        (void)::mkdir(dir.c_str(), 0700);
    struct stat st {};
    return ::lstat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == ::geteuid() &&
           (st.st_mode & 0077) == 0;
}

bool processGone(long pid) {
    return ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

bool endsWith(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// A report's staging folder holds flat files only: remove them (a link
// only as a link) and the folder; never descend anywhere.
bool removeFlatFolder(const std::string& dir) {
    struct stat st {};
    if (::lstat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
        return false;
    if (DIR* d = ::opendir(dir.c_str())) {
        while (const dirent* e = ::readdir(d))
            if (e->d_name[0] != '.' || (e->d_name[1] != '\0' && !(e->d_name[1] == '.' && e->d_name[2] == '\0')))
                (void)::unlinkat(::dirfd(d), e->d_name, 0);
        ::closedir(d);
    }
    return ::rmdir(dir.c_str()) == 0;
}

} // namespace

std::string TempFileRegistry::folder() {
    return registryPath();
}

std::string TempFileRegistry::record(const std::string& path) {
    const std::string dir = registryPath();
    if (!usable(dir, true))
        return {};
    std::string absolute = path;
    if (absolute.empty() || absolute[0] != '/') {
        char cwd[PATH_MAX];
        if (!::getcwd(cwd, sizeof cwd))
            return {};
        absolute = std::string(cwd) + "/" + path;
    }
    static std::atomic<unsigned> counter{0};
    const std::string entry = dir + "/" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
    (void)::unlink(entry.c_str()); // an entry of an earlier process with our pid
    if (::symlink(absolute.c_str(), entry.c_str()) != 0)
        return {};
    return entry;
}

void TempFileRegistry::forget(const std::string& entry) {
    if (!entry.empty())
        (void)::unlink(entry.c_str());
}

std::vector<std::string> TempFileRegistry::removeAbandoned() {
    std::vector<std::string> removed;
    const std::string dir = registryPath();
    if (!usable(dir, false))
        return removed;
    DIR* d = ::opendir(dir.c_str());
    if (!d)
        return removed;
    std::vector<std::pair<std::string, long>> entries;
    while (const dirent* e = ::readdir(d)) {
        char* end = nullptr;
        const long pid = std::strtol(e->d_name, &end, 10);
        if (pid > 0 && end != e->d_name && *end == '-')
            entries.emplace_back(dir + "/" + e->d_name, pid);
    }
    ::closedir(d);
    for (const auto& [entry, pid] : entries) {
        if (!processGone(pid))
            continue;
        char target[PATH_MAX];
        const ssize_t n = ::readlink(entry.c_str(), target, sizeof target - 1);
        if (n > 0) {
            target[n] = '\0';
            const std::string file = target;
            const auto slash = file.rfind('/');
            const std::string name = slash == std::string::npos ? file : file.substr(slash + 1);
            if (name.rfind(".aioscope-report-" + std::to_string(pid) + "-", 0) == 0) {
                if (removeFlatFolder(file))
                    removed.push_back(file);
            } else if (endsWith(file, ".tmp-" + std::to_string(pid))) {
                for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
                    struct stat st {};
                    const std::string p = file + suffix;
                    // Never through a link someone put in its place.
                    if (::lstat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::unlink(p.c_str()) == 0 &&
                        *suffix == '\0')
                        removed.push_back(file);
                }
            }
        }
        (void)::unlink(entry.c_str());
    }
    return removed;
}

} // namespace aioscope::store
