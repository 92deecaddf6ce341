#include "trace/ctf/CtfTraceFinder.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <set>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <system_error>
#include <unistd.h>
#include <utility>

namespace fs = std::filesystem;

namespace aioscope::trace {

namespace {

constexpr std::uint32_t kPacketizedMetadataMagic = 0x75d11d57;

// Kernel pseudo-filesystems: huge or endless trees that never hold a trace.
bool isPseudoFilesystem(const std::string& dir) {
    struct statfs fsInfo {};
    if (::statfs(dir.c_str(), &fsInfo) != 0)
        return false;
    switch (static_cast<unsigned long>(fsInfo.f_type)) {
    case 0x9fa0:     // proc
    case 0x62656572: // sysfs
    case 0x74726163: // tracefs
    case 0x64626720: // debugfs
    case 0x27e0eb:   // cgroup
    case 0x63677270: // cgroup2
    case 0x73636673: // securityfs
    case 0xcafe4a11: // bpf
    case 0x6165676c: // pstore
    case 0x62656570: // configfs
    case 0x1cd1:     // devpts
        return true;
    default: return false;
    }
}

class Walk {
public:
    explicit Walk(CtfTraceFinder::Search& out) : out_(out) {}

    void visit(const std::string& dir, const struct stat& st, int depth) {
        if (!out_.stoppedBecause.empty())
            return;
        if (!seen_.insert({st.st_dev, st.st_ino}).second)
            return; // reached again through a symbolic link
        if (++visited_ > CtfTraceFinder::kMaxDirectories) {
            out_.stoppedBecause = "the search for CTF metadata stopped after " +
                                  std::to_string(CtfTraceFinder::kMaxDirectories) +
                                  " folders (give the trace folder itself)";
            return;
        }
        if (depth > 0 && isPseudoFilesystem(dir))
            return;
        const std::string metadata = dir + "/metadata";
        struct stat mst {};
        // A folder named metadata is just a folder (Python packages have them).
        if (::stat(metadata.c_str(), &mst) == 0 && !S_ISDIR(mst.st_mode)) {
            const std::string why = S_ISREG(mst.st_mode) ? CtfTraceFinder::whyNotCtfMetadata(metadata)
                                                         : metadata + ": not a regular file, so not CTF metadata";
            if (why.empty()) {
                out_.directories.push_back(dir);
                return;
            }
            if (out_.rejectedMetadata.empty())
                out_.rejectedMetadata = why;
        }
        if (depth >= CtfTraceFinder::kMaxDepth) {
            if (depthNoted_++ == 0)
                deepest_ = dir;
            return;
        }
        std::vector<std::pair<std::string, struct stat>> subdirs;
        std::error_code ec;
        fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
        if (ec)
            return;
        for (const auto& entry : it) {
            struct stat sub {};
            const std::string child = entry.path().string();
            if (::stat(child.c_str(), &sub) == 0 && S_ISDIR(sub.st_mode))
                subdirs.emplace_back(child, sub);
        }
        std::sort(subdirs.begin(), subdirs.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        for (const auto& [child, sub] : subdirs)
            visit(child, sub, depth + 1);
    }

    void finish() {
        if (out_.stoppedBecause.empty() && depthNoted_ > 0 && out_.directories.empty())
            out_.stoppedBecause = "the search for CTF metadata goes at most " +
                                  std::to_string(CtfTraceFinder::kMaxDepth) + " folders deep (" + deepest_ +
                                  " is deeper)";
    }

private:
    CtfTraceFinder::Search& out_;
    std::set<std::pair<dev_t, ino_t>> seen_;
    std::size_t visited_ = 0;
    std::size_t depthNoted_ = 0;
    std::string deepest_;
};

} // namespace

std::string CtfTraceFinder::whyNotCtfMetadata(const std::string& file) {
    // O_NONBLOCK: a FIFO named metadata must not stall the search.
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return file + ": cannot open: " + std::strerror(errno);
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return file + ": not a regular file, so not CTF metadata";
    }
    std::array<char, 10> head{};
    const ssize_t got = ::read(fd, head.data(), head.size());
    ::close(fd);
    if (got < 0)
        return file + ": cannot read: " + std::strerror(errno);
    if (got >= 4) {
        std::uint32_t magic = 0;
        std::memcpy(&magic, head.data(), 4);
        // Packetized metadata is written in the tracer's byte order.
        if (magic == kPacketizedMetadataMagic || __builtin_bswap32(magic) == kPacketizedMetadataMagic)
            return {};
    }
    if (got >= 9 && std::memcmp(head.data(), "/* CTF 1.", 9) == 0)
        return {};
    if (got == 0)
        return file + ": an empty file, not CTF metadata";
    char magic[16];
    std::uint32_t first = 0;
    std::memcpy(&first, head.data(), std::min<std::size_t>(4, static_cast<std::size_t>(got)));
    std::snprintf(magic, sizeof magic, "0x%08x", first);
    return file + ": not CTF metadata (offset 0: magic " + magic + " is neither the packetized-metadata magic " +
           "0x75d11d57 nor the text \"/* CTF 1.8\")";
}

bool CtfTraceFinder::isCtfMetadata(const std::string& file) {
    return whyNotCtfMetadata(file).empty();
}

CtfTraceFinder::Search CtfTraceFinder::search(const std::string& path) {
    Search out;
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        return out;
    if (S_ISREG(st.st_mode)) {
        const fs::path p(path);
        if (p.filename() == "metadata") {
            if (std::string why = whyNotCtfMetadata(path); why.empty())
                out.directories.push_back(p.parent_path().empty() ? std::string(".") : p.parent_path().string());
            else
                out.rejectedMetadata = std::move(why);
        }
        return out;
    }
    if (!S_ISDIR(st.st_mode))
        return out;
    Walk walk(out);
    walk.visit(path, st, 0);
    walk.finish();
    std::sort(out.directories.begin(), out.directories.end());
    return out;
}

std::uint64_t CtfTraceFinder::streamBytes(const std::vector<std::string>& traceDirectories)
{
    std::uint64_t total = 0;
    for (const auto& dir : traceDirectories) {
        std::error_code ec;
        for (const auto& entry : fs::directory_iterator(dir, ec)) {
            std::error_code fileEc;
            const auto name = entry.path().filename().string();
            if (name == "metadata" || name.starts_with(".") || !entry.is_regular_file(fileEc))
                continue;
            total += entry.file_size(fileEc);
        }
    }
    return total;
}

} // namespace aioscope::trace
