#pragma once
#include "model/SpillArena.h"

#include <cstddef>
#include <new>
#include <vector>

namespace aioscope {

// Whether a buffer of `bytes` is SpillArena's (a mapping of its own, whose
// pages are memory only once written) rather than the heap's.
inline bool fromSpillArena(std::size_t bytes) {
    return bytes >= SpillArena::kSpillBytes;
}

// A std::allocator whose big buffers come from SpillArena (file-backed, so
// they do not count against anonymous memory); small ones from the heap.
// Stateless: the size given back to deallocate says where a buffer came from.
template <typename T> struct SpillAllocator {
    using value_type = T;
    SpillAllocator() noexcept = default;
    template <typename U> SpillAllocator(const SpillAllocator<U>&) noexcept {}

    T* allocate(std::size_t n) {
        if (n > static_cast<std::size_t>(-1) / sizeof(T))
            throw std::bad_array_new_length();
        const std::size_t bytes = n * sizeof(T);
        if (fromSpillArena(bytes))
            return static_cast<T*>(SpillArena::map(bytes));
        return static_cast<T*>(::operator new (bytes, std::align_val_t{alignof(T)}));
    }
    void deallocate(T* p, std::size_t n) noexcept {
        const std::size_t bytes = n * sizeof(T);
        if (fromSpillArena(bytes))
            SpillArena::unmap(p, bytes);
        else
            ::operator delete (p, bytes, std::align_val_t{alignof(T)});
    }
    template <typename U> bool operator==(const SpillAllocator<U>&) const noexcept { return true; }
};

// The column type of runs and event indexes.
template <typename T> using SpillVector = std::vector<T, SpillAllocator<T>>;

} // namespace aioscope
