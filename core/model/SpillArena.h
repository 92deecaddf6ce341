#pragma once
#include <cstddef>
#include <string>

namespace aioscope {

// Where the big columns of a run live: an import of 100M events holds
// gigabytes of them, more than RAM should have to keep. A buffer of at least
// kSpillBytes is a shared mapping of its own unnamed file (O_TMPFILE) in the
// spill folder, so the kernel can write it out and drop it under memory
// pressure, as it does a file's page cache, instead of holding it as anonymous
// memory. Having no name, the file is gone the moment its mapping is, also
// when the process crashes. A forked child does not inherit it. Its blocks are allocated up front (fallocate), so a
// full disk refuses the buffer here instead of killing a write with SIGBUS.
// When the folder cannot hold it (full, no O_TMPFILE, not writable) the buffer
// is anonymous memory, as if there were no spill folder.
//
// The folder is $AIOSCOPE_SPILL_DIR, else /var/tmp (disk-backed on most
// systems, unlike a tmpfs /tmp); AIOSCOPE_SPILL_DIR=none keeps everything in
// anonymous memory.
class SpillArena {
public:
    static constexpr std::size_t kSpillBytes = std::size_t{8} << 20;

    // A zeroed, page-aligned buffer of `bytes` (>= kSpillBytes); throws
    // std::bad_alloc when not even anonymous memory is left.
    static void* map(std::size_t bytes);
    static void unmap(void* data, std::size_t bytes);

    // The folder buffers spill to, or empty when they stay in anonymous memory.
    static std::string folder();
    // Buffers mapped from now on spill to `folder` (empty: none); those mapped before stay where they are.
    static void useFolder(std::string folder);
    // Bytes of big buffers mapped now: in spill files, and anonymous (those the folder refused).
    static std::size_t spilledBytes();
    static std::size_t anonymousBytes();
};

} // namespace aioscope
