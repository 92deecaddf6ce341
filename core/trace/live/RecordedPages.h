#pragma once
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace aioscope::trace::live {

// The ring-buffer sub-buffers one CPU's reader kept, read straight into
// fixed-size chunks that are never moved or zeroed: while the workload runs
// the reader's cost is the kernel's copy alone (a growing vector re-zeroed
// and moved every page, and that cost the workload a core on a small machine).
// One reader thread appends; pages() may be read from any thread; the pages
// themselves only once the reader is joined.
class RecordedPages {
public:
    RecordedPages() = default;
    RecordedPages(const RecordedPages&) = delete;
    RecordedPages& operator=(const RecordedPages&) = delete;

    // Drops what was kept, for pages of `pageSize` bytes; keeps (and touches)
    // `warmChunks` chunks of 2 MiB, so the first pages of a run take no page faults.
    void reset(std::size_t pageSize, std::size_t warmChunks = 0);
    // Where the next page goes: pageSize() writable bytes, kept by commit().
    char* slot();
    // Keeps the page in slot(), `size` bytes of it read; the rest is zeroed
    // (nothing of the process's memory reaches a written trace).
    void commit(std::size_t size);

    std::uint64_t pages() const { return pages_.load(std::memory_order_relaxed); }
    std::uint64_t bytes() const { return pages() * pageSize_; }
    std::size_t pageSize() const { return pageSize_; }
    const char* page(std::uint64_t index) const;
    // The kept pages as contiguous runs, in order.
    std::vector<std::span<const char>> runs() const;

    // 2 MiB chunks, each one transparent huge page where the kernel allows:
    // one page fault per chunk instead of one per page.
    static constexpr std::size_t kChunkBytes = 2u << 20;

private:
    struct Free {
        void operator()(char* p) const;
    };
    void addChunk();
    std::size_t pageSize_ = 4096;
    std::size_t pagesPerChunk_ = kChunkBytes / 4096;
    std::vector<std::unique_ptr<char, Free>> chunks_;
    std::atomic<std::uint64_t> pages_{0};
};

} // namespace aioscope::trace::live
