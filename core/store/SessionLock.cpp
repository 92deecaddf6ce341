#include "store/SessionLock.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace aioscope::store {

Result<SessionLock> SessionLock::acquire(const std::string& path) {
    // A replacing save renames a new file over the path while we wait: lock
    // again until the file we hold is the one the path names.
    for (int attempt = 0; attempt < 100; ++attempt) {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return makeError(path + ": cannot lock for writing: " + std::strerror(errno));
        int rc;
        do
            rc = ::flock(fd, LOCK_EX);
        while (rc != 0 && errno == EINTR);
        if (rc != 0) {
            const int err = errno;
            ::close(fd);
            return makeError(path + ": cannot lock for writing: " + std::strerror(err));
        }
        struct stat held {
        }, named{};
        if (::fstat(fd, &held) == 0 && ::stat(path.c_str(), &named) == 0 && held.st_dev == named.st_dev &&
            held.st_ino == named.st_ino)
            return SessionLock(fd);
        ::close(fd);
    }
    return makeError(path + ": cannot lock for writing: the file keeps being replaced");
}

SessionLock::SessionLock(SessionLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

SessionLock& SessionLock::operator=(SessionLock&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0)
            ::close(fd_);
        fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
}

SessionLock::~SessionLock() {
    if (fd_ >= 0)
        ::close(fd_); // releases the lock
}

} // namespace aioscope::store
