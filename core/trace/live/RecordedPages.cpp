#include "trace/live/RecordedPages.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>
#include <sys/mman.h>

namespace aioscope::trace::live {

void RecordedPages::Free::operator()(char* p) const {
    std::free(p);
}

void RecordedPages::addChunk() {
    const std::size_t bytes = pagesPerChunk_ * pageSize_;
    auto* p =
        static_cast<char*>(std::aligned_alloc(kChunkBytes, (bytes + kChunkBytes - 1) / kChunkBytes * kChunkBytes));
    if (!p)
        throw std::bad_alloc();
    ::madvise(p, bytes, MADV_HUGEPAGE); // advice only: without huge pages the chunk still works
    chunks_.emplace_back(p);
}

void RecordedPages::reset(std::size_t pageSize, std::size_t warmChunks) {
    if (pageSize != pageSize_)
        chunks_.clear();
    pageSize_ = pageSize;
    pagesPerChunk_ = std::max<std::size_t>(1, kChunkBytes / pageSize_);
    pages_.store(0, std::memory_order_relaxed);
    if (chunks_.size() > warmChunks)
        chunks_.resize(warmChunks);
    while (chunks_.size() < warmChunks) {
        addChunk();
        std::memset(chunks_.back().get(), 0, pagesPerChunk_ * pageSize_);
    }
}

char* RecordedPages::slot() {
    const std::uint64_t n = pages();
    const auto chunk = static_cast<std::size_t>(n / pagesPerChunk_);
    if (chunk >= chunks_.size())
        addChunk();
    return chunks_[chunk].get() + (n % pagesPerChunk_) * pageSize_;
}

void RecordedPages::commit(std::size_t size) {
    if (size < pageSize_)
        std::memset(slot() + size, 0, pageSize_ - size);
    pages_.store(pages() + 1, std::memory_order_relaxed);
}

const char* RecordedPages::page(std::uint64_t index) const {
    return chunks_[static_cast<std::size_t>(index / pagesPerChunk_)].get() + (index % pagesPerChunk_) * pageSize_;
}

std::vector<std::span<const char>> RecordedPages::runs() const {
    std::vector<std::span<const char>> out;
    for (std::uint64_t at = 0; at < pages(); at += pagesPerChunk_) {
        const std::uint64_t n = std::min<std::uint64_t>(pagesPerChunk_, pages() - at);
        out.emplace_back(page(at), static_cast<std::size_t>(n) * pageSize_);
    }
    return out;
}

} // namespace aioscope::trace::live
