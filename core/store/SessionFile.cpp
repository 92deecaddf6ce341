#include "store/SessionFile.h"

#include "store/Schema.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace aioscope::store {

namespace {

// The first 100 bytes of a SQLite file: magic, then big-endian header fields.
bool readHeader(const std::string& path, unsigned char (&header)[100]) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const ssize_t n = ::pread(fd, header, sizeof header, 0);
    ::close(fd);
    return n == static_cast<ssize_t>(sizeof header) && std::memcmp(header, "SQLite format 3", 16) == 0;
}

std::uint32_t bigEndian32(const unsigned char* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

Error statError(const std::string& path) {
    return makeError(path + ": cannot open: " + std::strerror(errno));
}

} // namespace

bool SessionFile::looksLikeSession(const std::string& path) {
    unsigned char header[100];
    return readHeader(path, header) && bigEndian32(header + 68) == static_cast<std::uint32_t>(Schema::kApplicationId);
}

Result<Database> SessionFile::openForReading(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        return statError(path);
    if (!S_ISREG(st.st_mode))
        return makeError(path + ": not a session file (not a regular file)");
    if (st.st_size == 0)
        return makeError(path + ": not a session file (the file is empty)");
    if (::access(path.c_str(), R_OK) != 0)
        return statError(path);
    auto db = Database::open(path, Database::Mode::ReadOnly);
    if (!db)
        return db.error();
    auto version = Schema::check(*db);
    if (!version) {
        // A WAL file needs its -shm beside it; in a directory we cannot write
        // SQLite cannot create one, but nobody can be writing there either.
        unsigned char header[100];
        const bool wal = readHeader(path, header) && header[18] == 2;
        if (wal && ::access(path.c_str(), W_OK) != 0) {
            auto immutable = Database::open(path, Database::Mode::ReadOnly, true);
            if (immutable && Schema::check(*immutable))
                return std::move(*immutable);
        }
        return version.error();
    }
    return std::move(*db);
}

bool SessionFile::hasWalSidecars(const std::string& path) {
    return ::access((path + "-wal").c_str(), F_OK) == 0 || ::access((path + "-shm").c_str(), F_OK) == 0;
}

void SessionFile::removeWalSidecars(const std::string& path) {
    if (!hasWalSidecars(path) || ::access(path.c_str(), W_OK) != 0)
        return;
    struct stat st {};
    if (::stat((path + "-wal").c_str(), &st) == 0 && st.st_size > 0)
        return; // holds someone's committed changes: not ours to fold in
    auto db = Database::open(path, Database::Mode::ReadWrite);
    if (db)
        (void)db->queryInt("PRAGMA application_id"); // opens the WAL; closing as the last connection removes it
}

Result<void> SessionFile::checkReplaceable(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        if (errno == ENOENT)
            return {};
        return statError(path);
    }
    if (!S_ISREG(st.st_mode))
        return makeError(path + ": cannot save here: not a regular file");
    // Root may write anything; a file without write bits is still meant to stay as it is.
    if ((st.st_mode & 0222) == 0 || ::access(path.c_str(), W_OK) != 0)
        return makeError(path + ": cannot save: the file is read-only");
    if (st.st_size > 0 && !looksLikeSession(path))
        return makeError(path + ": cannot save: the file exists and is not an aioscope session; refusing to replace it");
    return {};
}

} // namespace aioscope::store
