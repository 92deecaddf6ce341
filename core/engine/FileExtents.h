#pragma once
#include "model/Result.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace aioscope::engine {

// Where a file's bytes lie on the disk, so a block-layer event (whole-disk
// device and sector) can be matched to a file offset: FS_IOC_FIEMAP for the
// extents, and /sys/dev/block for the partition's start and its disk.
class FileExtents {
public:
    struct Extent {
        std::uint64_t logical = 0;  // file offset, bytes
        std::uint64_t physical = 0; // disk offset, bytes, from the start of the whole disk
        std::uint64_t length = 0;
    };
    // The file's current extents (allocate them first: fallocate or write).
    static Result<FileExtents> of(int fd);

    // The disk's device number as block tracepoints print it (MAJOR << 20 | MINOR).
    std::uint32_t traceDev() const { return traceDev_; }
    // The 512-byte sector of a file offset, if mapped.
    std::optional<std::uint64_t> sectorOf(std::uint64_t fileOffset) const;
    // The file offset of a disk sector, if it belongs to this file.
    std::optional<std::uint64_t> offsetOf(std::uint64_t sector) const;
    const std::vector<Extent>& extents() const { return extents_; }

private:
    std::vector<Extent> extents_;
    std::uint32_t traceDev_ = 0;
};

} // namespace aioscope::engine
