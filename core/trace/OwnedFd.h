#pragma once
#include <unistd.h>

namespace aioscope::trace {

// A file descriptor closed when it goes out of scope (-1: none to close).
struct OwnedFd {
    int fd = -1;
    explicit OwnedFd(int f) : fd(f) {}
    OwnedFd(const OwnedFd&) = delete;
    OwnedFd& operator=(const OwnedFd&) = delete;
    ~OwnedFd() {
        if (fd >= 0)
            ::close(fd);
    }
};

} // namespace aioscope::trace
