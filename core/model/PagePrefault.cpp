#include "model/PagePrefault.h"

#include <cstdint>
#include <sys/mman.h>
#include <unistd.h>

namespace aioscope {

void PagePrefault::populate(void* data, std::size_t bytes) {
#ifdef MADV_POPULATE_WRITE
    static const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
    // Whole pages inside the buffer only: the page holding its start may
    // belong to a neighbour on the heap, which is not ours to populate.
    const auto begin = reinterpret_cast<std::uintptr_t>(data);
    const std::uintptr_t first = (begin + page - 1) & ~(page - 1);
    const std::uintptr_t last = (begin + bytes) & ~(page - 1);
    if (data && last > first)
        (void)::madvise(reinterpret_cast<void*>(first), last - first, MADV_POPULATE_WRITE);
#else
    (void)data;
    (void)bytes;
#endif
}

} // namespace aioscope
