#include "model/StringPool.h"

#include <gtest/gtest.h>

using namespace aioscope;

TEST(StringPool, InternsOnceAndKeepsViewsAfterGrowth) {
    StringPool pool;
    EXPECT_EQ(pool.intern(""), kEmptyString);
    const StringId a = pool.intern("iou-wrk-123");
    std::string_view before = pool.view(a);
    for (int i = 0; i < 10000; ++i)
        pool.intern("comm-" + std::to_string(i));
    EXPECT_EQ(pool.intern("iou-wrk-123"), a);
    EXPECT_EQ(pool.view(a), "iou-wrk-123");
    EXPECT_EQ(before.data(), pool.view(a).data()); // storage did not move
    EXPECT_EQ(pool.size(), 10002u);
    EXPECT_EQ(pool.view(999999), "");
}

TEST(StringPool, CopyAndMoveKeepLookups) {
    StringPool pool;
    const StringId x = pool.intern("x");
    StringPool copy = pool;
    StringId found = 0;
    ASSERT_TRUE(copy.find("x", &found));
    EXPECT_EQ(found, x);
    StringPool moved = std::move(copy);
    EXPECT_EQ(moved.intern("x"), x);
    EXPECT_FALSE(moved.find("y", nullptr));
}
