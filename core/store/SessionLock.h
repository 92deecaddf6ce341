#pragma once
#include "model/Result.h"

#include <string>

namespace aioscope::store {

// An exclusive flock(2) on a session file for the length of one change, so
// aioscope processes writing one session take turns instead of one losing
// the other's runs. flock does not interact with SQLite's own fcntl locks.
// A save that replaces the file takes it too, so a waiting writer notices
// the path now names a new file and locks that one instead.
class SessionLock {
public:
    // Waits for the lock on the file `path` names (it must exist).
    static Result<SessionLock> acquire(const std::string& path);

    SessionLock() = default;
    SessionLock(SessionLock&& other) noexcept;
    SessionLock& operator=(SessionLock&& other) noexcept;
    SessionLock(const SessionLock&) = delete;
    SessionLock& operator=(const SessionLock&) = delete;
    ~SessionLock();

private:
    explicit SessionLock(int fd) : fd_(fd) {}
    int fd_ = -1;
};

} // namespace aioscope::store
