#include "probes/ProbeFiles.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

namespace aioscope::probes {

namespace {
Error pathError(const std::string& what, const std::string& path) {
    return makeError(what + " " + path + ": " + std::strerror(errno));
}
} // namespace

Result<void> ProbeFiles::makeDir(const std::string& path, mode_t mode) {
    if (::mkdir(path.c_str(), mode) != 0)
        return pathError("cannot create directory", path);
    if (::chmod(path.c_str(), mode) != 0) // umask would have masked bits
        return pathError("cannot chmod", path);
    return {};
}

Result<void> ProbeFiles::writeFile(const std::string& path, const std::string& content, mode_t mode) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0)
        return pathError("cannot create", path);
    bool ok = ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size());
    ::close(fd);
    if (!ok)
        return pathError("cannot write", path);
    if (::chmod(path.c_str(), mode) != 0)
        return pathError("cannot chmod", path);
    return {};
}

Result<int> ProbeFiles::openFile(const std::string& path, int flags, mode_t mode) {
    int fd = ::open(path.c_str(), flags | O_CLOEXEC, mode);
    if (fd < 0)
        return pathError("cannot open", path);
    return fd;
}

Result<ino_t> ProbeFiles::inode(int fd) {
    struct stat st {};
    if (::fstat(fd, &st) != 0)
        return makeError("fstat of fd " + std::to_string(fd) + ": " + std::strerror(errno));
    return st.st_ino;
}

std::string ProbeFiles::fdPath(int fd) {
    char buf[4096];
    std::string link = "/proc/self/fd/" + std::to_string(fd);
    ssize_t n = ::readlink(link.c_str(), buf, sizeof buf - 1);
    return n < 0 ? std::string("?") : std::string(buf, static_cast<std::size_t>(n));
}

std::string ProbeFiles::errnoName(int err) {
    const char* name = strerrorname_np(err);
    return std::string(name ? name : "errno " + std::to_string(err)) + " (" + std::strerror(err) + ")";
}

void ProbeFiles::removeTree(const std::string& path) {
    ::nftw(
        path.c_str(),
        [](const char* p, const struct stat*, int type, FTW*) {
            if (type == FTW_DP || type == FTW_D)
                ::rmdir(p);
            else
                ::unlink(p);
            return 0;
        },
        16, FTW_DEPTH | FTW_PHYS);
}

} // namespace aioscope::probes
