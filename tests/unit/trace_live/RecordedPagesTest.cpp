#include "trace/live/RecordedPages.h"

#include <gtest/gtest.h>

#include <cstring>

using aioscope::trace::live::RecordedPages;

// Pages go where slot() points and stay there across chunks; a short page's
// tail is zeroed; runs() gives every kept byte once, in order.
TEST(RecordedPages, KeepsPagesInOrderAcrossChunksAndZeroesShortTails) {
    RecordedPages pages;
    constexpr std::size_t kPage = 4096;
    pages.reset(kPage, 1);
    const std::size_t perChunk = RecordedPages::kChunkBytes / kPage;
    const std::size_t n = perChunk * 2 + 3;
    for (std::size_t i = 0; i < n; ++i) {
        char* slot = pages.slot();
        std::memset(slot, 0x5a, kPage); // what an earlier use left there
        std::memset(slot, static_cast<int>(i & 0x7f), i == n - 1 ? 100 : kPage);
        pages.commit(i == n - 1 ? 100 : kPage);
    }
    ASSERT_EQ(pages.pages(), n);
    EXPECT_EQ(pages.bytes(), n * kPage);
    for (std::size_t i = 0; i < n; ++i)
        EXPECT_EQ(pages.page(i)[0], static_cast<char>(i & 0x7f)) << "page " << i;
    const char* last = pages.page(n - 1);
    EXPECT_EQ(last[99], static_cast<char>((n - 1) & 0x7f));
    EXPECT_EQ(last[100], 0);
    EXPECT_EQ(last[kPage - 1], 0);

    const auto runs = pages.runs();
    ASSERT_EQ(runs.size(), 3u);
    std::size_t total = 0;
    for (const auto& r : runs)
        total += r.size();
    EXPECT_EQ(total, n * kPage);
    EXPECT_EQ(runs[1].data(), pages.page(perChunk));
    EXPECT_EQ(runs[2].size(), 3 * kPage);

    pages.reset(kPage, 1);
    EXPECT_EQ(pages.pages(), 0u);
    EXPECT_TRUE(pages.runs().empty());
}
