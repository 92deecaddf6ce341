#include "engine/VerifyBlock.h"

#include <gtest/gtest.h>

#include <vector>

using aioscope::engine::VerifyBlock;

TEST(VerifyBlockTest, AGoodBlockChecksAndAnyDamageIsCaught) {
    std::vector<char> b(4096);
    VerifyBlock::fill(b.data(), b.size(), 8192, 3);
    EXPECT_TRUE(VerifyBlock::check(b.data(), b.size(), 8192));
    EXPECT_FALSE(VerifyBlock::check(b.data(), b.size(), 4096)) << "a block read from the wrong place";
    b[1000] ^= 1;
    EXPECT_FALSE(VerifyBlock::check(b.data(), b.size(), 8192)) << "one flipped bit";
    std::vector<char> zeros(4096);
    EXPECT_FALSE(VerifyBlock::check(zeros.data(), zeros.size(), 0)) << "a hole reads as zeros";
}

TEST(VerifyBlockTest, GenerationsDifferButBothCheck) {
    std::vector<char> a(512), b(512);
    VerifyBlock::fill(a.data(), a.size(), 0, 1);
    VerifyBlock::fill(b.data(), b.size(), 0, 2);
    EXPECT_NE(a, b);
    EXPECT_TRUE(VerifyBlock::check(a.data(), a.size(), 0));
    EXPECT_TRUE(VerifyBlock::check(b.data(), b.size(), 0));
    EXPECT_EQ(VerifyBlock::crc32c("123456789", 9), 0xE3069283u); // the CRC-32C check value
}
