#pragma once
#include <cstddef>

namespace aioscope {

// Faults in a buffer that is about to be written whole, in one call
// (madvise MADV_POPULATE_WRITE) instead of one page fault per page as the
// writes reach it. On a VM each fault is an exit to the host; a session open
// fills gigabytes of columns of known size, so this is most of what their
// first touch costs there. Only for buffers written to the end: populating
// spare capacity would take memory nobody uses. Advice only: a kernel
// before 5.14, or a refusal, leaves the pages to fault in as before.
struct PagePrefault {
    static void populate(void* data, std::size_t bytes);
    // The room for elements [size(), n) of a vector that has reserved at least n.
    template <typename Vector> static void populateUpTo(Vector& v, std::size_t n) {
        if (n > v.size())
            populate(v.data() + v.size(), (n - v.size()) * sizeof(typename Vector::value_type));
    }
};

} // namespace aioscope
