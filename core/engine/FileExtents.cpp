#include "engine/FileExtents.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <linux/fiemap.h>
#include <linux/fs.h>
#include <memory>
#include <string>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

namespace aioscope::engine {

namespace {

std::string sysBlock(unsigned major, unsigned minor) {
    return "/sys/dev/block/" + std::to_string(major) + ":" + std::to_string(minor);
}

// "254:0" from a sysfs dev file.
bool readDev(const std::string& path, unsigned& major, unsigned& minor) {
    std::ifstream in(path);
    char colon = 0;
    return static_cast<bool>(in >> major >> colon >> minor) && colon == ':';
}

} // namespace

Result<FileExtents> FileExtents::of(int fd) {
    struct stat st {};
    if (::fstat(fd, &st) != 0)
        return makeError(std::string("fstat failed: ") + std::strerror(errno));
    unsigned major = ::major(st.st_dev), minor = ::minor(st.st_dev);
    std::uint64_t partitionStart = 0; // sectors
    // A partition: its start, and the disk (the parent folder) that block events name.
    const std::string dev = sysBlock(major, minor);
    if (std::ifstream start(dev + "/start"); start) {
        start >> partitionStart;
        unsigned dmaj = 0, dmin = 0;
        if (readDev(dev + "/../dev", dmaj, dmin)) {
            major = dmaj;
            minor = dmin;
        }
    }
    constexpr unsigned kMax = 512;
    auto buf = std::make_unique<char[]>(sizeof(fiemap) + kMax * sizeof(fiemap_extent));
    FileExtents out;
    out.traceDev_ = (major << 20) | minor;
    std::uint64_t from = 0;
    while (true) {
        std::memset(buf.get(), 0, sizeof(fiemap) + kMax * sizeof(fiemap_extent));
        auto* fm = reinterpret_cast<fiemap*>(buf.get());
        fm->fm_start = from;
        fm->fm_length = FIEMAP_MAX_OFFSET - from;
        fm->fm_flags = FIEMAP_FLAG_SYNC;
        fm->fm_extent_count = kMax;
        if (::ioctl(fd, FS_IOC_FIEMAP, fm) != 0)
            return makeError(std::string("FS_IOC_FIEMAP failed: ") + std::strerror(errno) +
                             " (the file system cannot say where the file's blocks are)");
        if (fm->fm_mapped_extents == 0)
            break;
        bool last = false;
        for (unsigned i = 0; i < fm->fm_mapped_extents; ++i) {
            const fiemap_extent& e = fm->fm_extents[i];
            out.extents_.push_back({e.fe_logical, e.fe_physical + partitionStart * 512, e.fe_length});
            from = e.fe_logical + e.fe_length;
            last |= (e.fe_flags & FIEMAP_EXTENT_LAST) != 0;
        }
        if (last)
            break;
    }
    return out;
}

std::optional<std::uint64_t> FileExtents::sectorOf(std::uint64_t offset) const {
    for (const auto& e : extents_)
        if (offset >= e.logical && offset < e.logical + e.length)
            return (e.physical + (offset - e.logical)) / 512;
    return std::nullopt;
}

std::optional<std::uint64_t> FileExtents::offsetOf(std::uint64_t sector) const {
    const std::uint64_t byte = sector * 512;
    for (const auto& e : extents_)
        if (byte >= e.physical && byte < e.physical + e.length)
            return e.logical + (byte - e.physical);
    return std::nullopt;
}

} // namespace aioscope::engine
