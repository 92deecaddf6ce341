#include "model/PagePrefault.h"
#include "model/SpillArena.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <sys/mman.h>
#include <unistd.h>
#include <vector>

namespace aioscope {
namespace {

const std::size_t kPage = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));

// Which of the `pages` pages from `base` are resident, as mincore says.
std::vector<bool> resident(void* base, std::size_t pages) {
    std::vector<unsigned char> vec(pages);
    EXPECT_EQ(::mincore(base, pages * kPage, vec.data()), 0);
    std::vector<bool> out(pages);
    for (std::size_t i = 0; i < pages; ++i)
        out[i] = vec[i] & 1;
    return out;
}

TEST(PagePrefault, FaultsInTheWholePagesOfABufferBeforeAnyWrite) {
    constexpr std::size_t kPages = 64;
    void* base = ::mmap(nullptr, kPages * kPage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ASSERT_NE(base, MAP_FAILED);
    ::madvise(base, kPages * kPage, MADV_NOHUGEPAGE); // one page at a time, so the edges can be seen
    auto* bytes = static_cast<char*>(base);
    for (bool r : resident(base, kPages))
        ASSERT_FALSE(r) << "a fresh anonymous mapping is not resident before it is touched";
    // A buffer that starts inside page 0 and ends inside page 60: only pages 1-59 are wholly its own.
    PagePrefault::populate(bytes + 100, 60 * kPage - 100 + 8);
    const auto after = resident(base, kPages);
    EXPECT_FALSE(after[0]) << "the page holding the buffer's start may be a neighbour's; it is left alone";
    for (std::size_t i = 1; i < 60; ++i)
        EXPECT_TRUE(after[i]) << "page " << i;
    for (std::size_t i = 60; i < kPages; ++i)
        EXPECT_FALSE(after[i]) << "page " << i << " lies past the buffer";
    // Populated pages read as zeros and take writes.
    EXPECT_EQ(bytes[kPage], 0);
    bytes[kPage] = 7;
    EXPECT_EQ(bytes[kPage], 7);
    ::munmap(base, kPages * kPage);
}

TEST(PagePrefault, FaultsInASpilledColumn) {
    const std::size_t bytes = SpillArena::kSpillBytes;
    void* data = SpillArena::map(bytes);
    const std::size_t pages = bytes / kPage;
    PagePrefault::populate(data, bytes);
    const auto after = resident(data, pages);
    std::size_t in = 0;
    for (bool r : after)
        in += r;
    EXPECT_EQ(in, pages);
    SpillArena::unmap(data, bytes);
}

TEST(PagePrefault, LeavesEmptyAndSubPageBuffersAlone) {
    PagePrefault::populate(nullptr, 0);
    PagePrefault::populate(nullptr, 1 << 20);
    char small[64] = {};
    PagePrefault::populate(small, sizeof small); // inside one page: nothing whole to populate
    EXPECT_EQ(small[0], 0);
}

} // namespace
} // namespace aioscope
