#pragma once
#include <cstddef>
#include <memory>
#include <vector>

namespace aioscope::engine {

// Append-only storage in fixed chunks: elements never move, and chunks for
// the expected size are allocated up front so the I/O path does not allocate
// (a run that outgrows the estimate adds one chunk per kChunk elements).
// The chunk table is reserved up front too, so a reader on another thread
// may look at elements published to it (Recorder::publishedCount) while the
// writer appends.
template <typename T>
class ChunkedArray {
public:
    static constexpr std::size_t kChunk = 1u << 16;
    static constexpr std::size_t kMaxChunks = 1u << 14; // 2^30 elements before the table reallocates

    ChunkedArray() { chunks_.reserve(kMaxChunks); }
    ChunkedArray(ChunkedArray&&) = default;
    ChunkedArray& operator=(ChunkedArray&&) = default;

    void reserve(std::size_t n) {
        while (chunks_.size() * kChunk < n)
            chunks_.push_back(std::make_unique<T[]>(kChunk));
    }
    // Element i, creating chunks as needed; i may skip ahead.
    T& at(std::size_t i) {
        if (i >= chunks_.size() * kChunk)
            reserve(i + 1);
        if (i >= size_)
            size_ = i + 1;
        return chunks_[i / kChunk][i % kChunk];
    }
    const T& operator[](std::size_t i) const { return chunks_[i / kChunk][i % kChunk]; }
    std::size_t push(const T& v) {
        std::size_t i = size_;
        at(i) = v;
        return i;
    }
    std::size_t size() const { return size_; }

private:
    std::vector<std::unique_ptr<T[]>> chunks_;
    std::size_t size_ = 0;
};

} // namespace aioscope::engine
