#pragma once
#include <cstddef>
#include <vector>

namespace aioscope {

// Asks the kernel to back a reserved, not yet written buffer with
// transparent huge pages (madvise MADV_HUGEPAGE; THP "madvise" is the common
// default): the columns an import fills then take one page fault per 2 MiB
// instead of one per 4 KiB, which matters on a VM where each fault is dear.
// Only whole 2 MiB pages inside the buffer are advised; a smaller buffer, or
// a kernel without THP, is left as it is.
struct HugePages {
    static void advise(const void* data, std::size_t bytes);
    template <typename Vector> static void adviseCapacity(const Vector& v) {
        advise(v.data(), v.capacity() * sizeof(typename Vector::value_type));
    }
};

} // namespace aioscope
