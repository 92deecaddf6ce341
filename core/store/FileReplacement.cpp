#include "store/FileReplacement.h"

#include "store/TempFileRegistry.h"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <dirent.h>
#include <cstdio>
#include <cstring>
#include <climits>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace aioscope::store {

namespace {
Error systemError(const std::string& path, const char* what) {
    return makeError(path + ": " + what + ": " + std::strerror(errno));
}

std::string directoryOf(const std::string& path) {
    const auto slash = path.rfind('/');
    if (slash == std::string::npos)
        return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

Result<void> fsyncPath(const std::string& path, int flags, const std::string& nameInError) {
    const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0)
        return systemError(nameInError, "cannot open for fsync");
    const int rc = ::fsync(fd);
    const int saved = errno;
    ::close(fd);
    if (rc != 0) {
        errno = saved;
        return systemError(nameInError, "cannot write to disk (fsync)");
    }
    return {};
}
std::string baseNameOf(const std::string& path) {
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

// "NAME.tmp-PID[-wal|-shm|-journal]" left by a save that was killed: the PID
// no longer runs, so nobody will finish or remove it.
void removeAbandonedTemps(const std::string& target) {
    const std::string dir = directoryOf(target);
    const std::string prefix = baseNameOf(target) + ".tmp-";
    DIR* d = ::opendir(dir.c_str());
    if (!d)
        return;
    while (const dirent* e = ::readdir(d)) {
        const std::string name = e->d_name;
        if (name.compare(0, prefix.size(), prefix) != 0)
            continue;
        char* end = nullptr;
        const long pid = std::strtol(name.c_str() + prefix.size(), &end, 10);
        const std::string rest = end;
        if (pid <= 0 || end == name.c_str() + prefix.size() ||
            !(rest.empty() || rest == "-wal" || rest == "-shm" || rest == "-journal"))
            continue;
        if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH)
            ::unlink((dir + "/" + name).c_str());
    }
    ::closedir(d);
}
} // namespace

FileReplacement::FileReplacement(std::string target) : target_(std::move(target)) {
    // Saving through a symlink replaces the file it points to, not the link.
    char resolved[PATH_MAX];
    struct stat st {};
    if (::lstat(target_.c_str(), &st) == 0 && S_ISLNK(st.st_mode) && ::realpath(target_.c_str(), resolved))
        target_ = resolved;
    temp_ = target_ + ".tmp-" + std::to_string(::getpid());
}

FileReplacement::~FileReplacement() {
    if (!committed_)
        removeTemp();
    TempFileRegistry::forget(registryEntry_);
}

void FileReplacement::removeTemp() {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        ::unlink((temp_ + suffix).c_str());
}

Result<void> FileReplacement::prepare() {
    removeTemp();
    removeAbandonedTemps(target_);
    if (registryEntry_.empty())
        registryEntry_ = TempFileRegistry::record(temp_);
    // Fail early, naming the file the user chose, when its directory is not writable.
    const int fd = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        return systemError(target_, "cannot save (creating a temporary file beside it failed)");
    // The new version keeps the old one's permissions (a private session stays private).
    struct stat st {};
    if (::stat(target_.c_str(), &st) == 0)
        (void)::fchmod(fd, st.st_mode & 07777);
    ::close(fd);
    return {};
}

Result<void> FileReplacement::commit() {
    auto moved = moveIntoPlace(true);
    if (!moved)
        return moved.error();
    return {};
}

Result<bool> FileReplacement::commitIfAbsent() {
    return moveIntoPlace(false);
}

Result<bool> FileReplacement::moveIntoPlace(bool replace) {
    if (auto r = fsyncPath(temp_, O_RDONLY, target_); !r)
        return r.error();
    if (replace ? ::rename(temp_.c_str(), target_.c_str()) != 0
                : ::renameat2(AT_FDCWD, temp_.c_str(), AT_FDCWD, target_.c_str(), RENAME_NOREPLACE) != 0) {
        if (!replace && errno == EEXIST)
            return false;
        return systemError(target_, replace ? "cannot replace" : "cannot create");
    }
    committed_ = true;
    // The rename itself must reach the disk too, or a power cut may bring back the old file.
    if (auto r = fsyncPath(directoryOf(target_), O_RDONLY | O_DIRECTORY, target_); !r)
        return r.error();
    return true;
}

} // namespace aioscope::store
