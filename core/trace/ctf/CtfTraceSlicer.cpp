#include "trace/ctf/CtfTraceSlicer.h"

#include "trace/OwnedFd.h"
#include "trace/ctf/CtfGraph.h"
#include "trace/ctf/CtfMetadataGuard.h"
#include "trace/ctf/CtfPreflight.h"
#include "trace/ctf/CtfTraceFinder.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <set>
#include <unistd.h>

namespace aioscope::trace {

namespace {

// Packet times are turned into ns here as babeltrace2 does it, but through
// double for clocks other than 1 GHz: a packet this close to the window counts.
constexpr TimeNs kMargin = 10'000;

// LTTng packets start with the CTF magic (either byte order); an index that
// points elsewhere would hand babeltrace2 the middle of a packet.
bool startsWithPacketMagic(int fd, std::uint64_t offset) {
    unsigned char b[4];
    if (fd < 0 || ::pread(fd, b, 4, static_cast<off_t>(offset)) != 4)
        return false;
    const std::uint32_t big = std::uint32_t{b[0]} << 24 | std::uint32_t{b[1]} << 16 | std::uint32_t{b[2]} << 8 | b[3];
    return big == 0xC1FC1FC1u || __builtin_bswap32(big) == 0xC1FC1FC1u;
}

// Copies bytes [offset, offset + length) of `from` to the end of `to`.
bool copyRange(int from, int to, std::uint64_t offset, std::uint64_t length) {
    auto at = static_cast<off_t>(offset);
    while (length > 0) {
        const ssize_t n = ::copy_file_range(from, &at, to, nullptr, length, 0);
        if (n > 0) {
            length -= static_cast<std::uint64_t>(n);
            continue;
        }
        if (n == 0)
            return false; // the file is shorter than its index says
        if (errno == EINTR)
            continue;
        if (errno != EXDEV && errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP)
            return false;
        char buf[1 << 16];
        while (length > 0) {
            const ssize_t r = ::pread(from, buf, std::min<std::uint64_t>(length, sizeof buf), at);
            if (r <= 0)
                return false;
            for (ssize_t done = 0; done < r;) {
                const ssize_t w = ::write(to, buf + done, static_cast<std::size_t>(r - done));
                if (w <= 0)
                    return false;
                done += w;
            }
            at += r;
            length -= static_cast<std::uint64_t>(r);
        }
    }
    return true;
}

} // namespace

Result<CtfTraceSlicer> CtfTraceSlicer::open(const std::string& path) {
    const CtfTraceFinder::Search found = CtfTraceFinder::search(path);
    if (found.directories.empty())
        return makeError(path + ": no CTF trace directory");
    for (const auto& dir : found.directories)
        if (std::string problem = CtfMetadataGuard::problem(dir); !problem.empty())
            return makeError(dir + "/metadata has " + problem);
    // A stream file babeltrace2 refuses (or crashes on) is left out of a
    // whole read; a slice could not leave out the same events, so such a
    // trace is not sliced.
    CtfGraph::loadPlugins();
    std::vector<ImportWarning> warnings;
    auto survivors = CtfPreflight::survivors(path, found.directories, {}, warnings);
    if (!survivors)
        return survivors.error();
    if (!warnings.empty() || !survivors->shadows.empty() || survivors->directories != found.directories)
        return makeError(path + ": a damaged stream file is left out of reads" +
                         (warnings.empty() ? std::string() : " (" + warnings.front().message + ")"));
    CtfTraceSlicer slicer;
    slicer.path_ = path;
    for (const auto& dir : found.directories) {
        auto index = CtfPacketIndex::load(dir);
        if (!index)
            return index.error();
        slicer.traces_.push_back(std::move(*index));
    }
    slicer.streamBytes_ = CtfTraceFinder::streamBytes(found.directories);
    return slicer;
}

Result<CtfTraceSlicer::Slice> CtfTraceSlicer::slice(TimeNs from, TimeNs to) const {
    Slice slice;
    from -= kMargin;
    to += kMargin;
    for (const CtfPacketIndex& trace : traces_) {
        struct Range {
            const CtfPacketIndex::StreamFile* file;
            std::size_t first, last; // packets [first, last]
        };
        std::vector<Range> ranges;
        std::set<std::string> streamNames{"index"};
        for (const auto& file : trace.files()) {
            streamNames.insert(file.name);
            std::size_t first = file.packets.size(), last = 0;
            for (std::size_t i = 0; i < file.packets.size(); ++i)
                if (file.packets[i].end >= from && file.packets[i].begin <= to) {
                    first = std::min(first, i);
                    last = i;
                }
            if (first < file.packets.size())
                ranges.push_back({&file, first, last});
        }
        if (ranges.empty())
            continue; // nothing of this trace in the window
        auto shadow = std::make_unique<CtfShadowTrace>(trace.directory(), std::move(streamNames));
        if (!shadow->ok())
            return makeError(trace.directory() + ": cannot make a temporary folder for a slice of it");
        for (const Range& r : ranges) {
            const std::string source = trace.directory() + "/" + r.file->name;
            const std::string target = shadow->path() + "/" + r.file->name;
            const auto& first = r.file->packets[r.first];
            const auto& last = r.file->packets[r.last];
            const std::uint64_t length = last.offset + last.bytes - first.offset;
            slice.bytes += length;
            if (r.first == 0) {
                // From the first packet on: the file itself will do (the
                // reader stops after the window), no copy.
                std::error_code ec;
                std::filesystem::create_symlink(std::filesystem::absolute(source, ec), target, ec);
                if (ec)
                    return makeError(target + ": cannot link to " + source + ": " + ec.message());
                continue;
            }
            OwnedFd in{::open(source.c_str(), O_RDONLY | O_CLOEXEC)};
            OwnedFd out{::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600)};
            if (!startsWithPacketMagic(in.fd, first.offset))
                return makeError(source + ": no packet starts at offset " + std::to_string(first.offset) +
                                 ", where its index says one does");
            if (in.fd < 0 || out.fd < 0 || !copyRange(in.fd, out.fd, first.offset, length))
                return makeError(source + ": cannot copy its packets to " + target + ": " + std::strerror(errno));
        }
        slice.directories.push_back(shadow->path());
        slice.shadows.push_back(std::move(shadow));
    }
    return slice;
}

} // namespace aioscope::trace
