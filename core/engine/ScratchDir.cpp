#include "engine/ScratchDir.h"

#include "engine/ThreadContext.h"

#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <dirent.h>
#include <fcntl.h>
#include <filesystem>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace aioscope::engine {

namespace {

constexpr const char* kPrefix = "aioscope-";
// A folder without a lock file is mid-creation for this long, then stale.
constexpr time_t kLocklessGraceSeconds = 30;

std::string explain(int err, const std::string& what) {
    std::string msg = what + ": " + std::strerror(err);
    switch (err) {
    case EACCES:
    case EPERM:
        msg += " (no write permission: choose a folder you can write with --dir)";
        break;
    case EROFS:
        msg += " (read-only file system: choose a writable folder with --dir)";
        break;
    case ENOENT:
        msg += " (the folder does not exist)";
        break;
    case ENOSPC:
        msg += " (the file system is full)";
        break;
    default:
        break;
    }
    return msg;
}

// Only our own names: aioscope-<pid>-<hex>. Other folders that merely start
// with "aioscope-" (a user's, another tool's temp dirs) are never touched.
bool isScratchName(const char* name, pid_t* pid) {
    const std::size_t prefix = std::strlen(kPrefix);
    if (std::strncmp(name, kPrefix, prefix) != 0)
        return false;
    const char* p = name + prefix;
    char* end = nullptr;
    long v = std::strtol(p, &end, 10);
    if (end == p || *end != '-' || v <= 0)
        return false;
    const char* h = end + 1;
    if (*h == '\0')
        return false;
    for (; *h; ++h)
        if (!std::isxdigit(static_cast<unsigned char>(*h)))
            return false;
    *pid = static_cast<pid_t>(v);
    return true;
}

bool processAlive(pid_t pid) { return ::kill(pid, 0) == 0 || errno == EPERM; }

void removeTree(const std::string& path) {
    std::error_code ec;
    std::filesystem::remove_all(path, ec); // does not follow symlinks
}

} // namespace

std::vector<std::string> ScratchDir::removeStale(const std::string& parent) {
    std::vector<std::string> removed;
    DIR* d = ::opendir(parent.c_str());
    if (!d)
        return removed;
    std::vector<std::pair<std::string, pid_t>> candidates;
    while (dirent* e = ::readdir(d)) {
        pid_t pid = 0;
        if (isScratchName(e->d_name, &pid))
            candidates.emplace_back(parent + "/" + e->d_name, pid);
    }
    ::closedir(d);
    for (const auto& [dir, pid] : candidates) {
        struct stat st{};
        if (::lstat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
            continue;
        int fd = ::open((dir + "/lock").c_str(), O_RDWR | O_CLOEXEC | O_NOFOLLOW);
        if (fd < 0) {
            if (errno == ENOENT && !processAlive(pid) && ::time(nullptr) - st.st_mtime > kLocklessGraceSeconds) {
                removeTree(dir);
                removed.push_back(dir);
            }
            continue;
        }
        // A live run holds the lock; if we get it, its owner is gone.
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
            removeTree(dir);
            removed.push_back(dir);
        }
        ::close(fd);
    }
    return removed;
}

Result<ScratchDir> ScratchDir::create(const std::string& parent) {
    struct stat st{};
    if (::stat(parent.c_str(), &st) != 0)
        return makeError(explain(errno, "cannot use folder " + parent));
    if (!S_ISDIR(st.st_mode))
        return makeError(parent + " is not a folder");
    ScratchDir s;
    s.removedStale_ = removeStale(parent);
    char id[64];
    std::snprintf(id, sizeof id, "%s%d-%llx", kPrefix, static_cast<int>(::getpid()),
                  static_cast<unsigned long long>(monotonicNowNs()) & 0xFFFFFFFFFFull);
    std::string path = parent + "/" + id;
    if (::mkdir(path.c_str(), 0700) != 0) {
        // The folder exists (stat above): ENOENT here means a file system
        // that makes no folders (/proc, /sys), not a missing folder.
        if (errno == ENOENT)
            return makeError(
                "cannot create scratch folder " + path + ": " + parent +
                " is on a file system that does not allow new folders (choose a writable folder with --dir)");
        return makeError(explain(errno, "cannot create scratch folder " + path));
    }
    s.path_ = path;
    // The lock file appears under its name only once it is locked: another
    // run's removeStale could otherwise take it in between and remove this
    // folder as stale. Until then the folder is lockless, which removeStale
    // leaves alone while its process lives.
    s.lockFd_ = ::open((path + "/lock.new").c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (s.lockFd_ < 0) {
        int err = errno;
        return makeError(explain(err, "cannot create lock file in " + path)); // destructor removes the folder
    }
    if (::flock(s.lockFd_, LOCK_EX) != 0 || ::rename((path + "/lock.new").c_str(), (path + "/lock").c_str()) != 0) {
        int err = errno;
        return makeError(explain(err, "cannot create lock file in " + path));
    }
    std::string pid = std::to_string(::getpid()) + "\n";
    (void)!::write(s.lockFd_, pid.data(), pid.size());
    return s;
}

ScratchDir::ScratchDir(ScratchDir&& o) noexcept
    : path_(std::move(o.path_)), lockFd_(o.lockFd_), removedStale_(std::move(o.removedStale_)) {
    o.path_.clear();
    o.lockFd_ = -1;
}

ScratchDir& ScratchDir::operator=(ScratchDir&& o) noexcept {
    if (this != &o) {
        remove();
        path_ = std::move(o.path_);
        lockFd_ = o.lockFd_;
        removedStale_ = std::move(o.removedStale_);
        o.path_.clear();
        o.lockFd_ = -1;
    }
    return *this;
}

ScratchDir::~ScratchDir() { remove(); }

void ScratchDir::remove() {
    if (!path_.empty())
        removeTree(path_);
    if (lockFd_ >= 0)
        ::close(lockFd_); // after removal: nobody can take the folder as stale meanwhile
    path_.clear();
    lockFd_ = -1;
}

} // namespace aioscope::engine
