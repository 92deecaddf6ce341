#include "probes/ThreadIdentity.h"
#include "probes/ThreadStatusReader.h"

#include <gtest/gtest.h>

#include <future>
#include <linux/capability.h>
#include <thread>
#include <unistd.h>

using namespace aioscope::probes;

// Each change must stay on the calling thread: that is what makes a leak visible.
TEST(ThreadIdentity, FsuidChangesOneThreadOnly) {
    if (::geteuid() != 0)
        GTEST_SKIP() << "setfsuid to another uid needs root";
    std::promise<void> changed, release;
    pid_t tid = 0;
    std::thread other([&] {
        tid = ThreadIdentity::tid();
        ASSERT_TRUE(ThreadIdentity::setFsuid(65534).ok());
        changed.set_value();
        release.get_future().wait();
    });
    changed.get_future().wait();
    auto st = ThreadStatusReader::read(tid);
    std::uint32_t mine = ThreadIdentity::fsuid();
    release.set_value();
    other.join();
    ASSERT_TRUE(st);
    EXPECT_EQ(st->fsuid(), 65534u);
    EXPECT_EQ(mine, 0u);
}

TEST(ThreadIdentity, CapabilityDropIsPerThread) {
    if (::geteuid() != 0)
        GTEST_SKIP() << "needs CAP_FSETID to drop";
    std::uint64_t before = *ThreadIdentity::effectiveCaps();
    std::uint64_t inThread = 0;
    std::thread other([&] {
        ASSERT_TRUE(ThreadIdentity::setEffectiveCaps(before & ~(1ull << CAP_FSETID)).ok());
        inThread = *ThreadIdentity::effectiveCaps();
    });
    other.join();
    EXPECT_FALSE(inThread & (1ull << CAP_FSETID));
    EXPECT_EQ(*ThreadIdentity::effectiveCaps(), before);
}

TEST(ThreadIdentity, AffinityAndIoprioArePerThread) {
    std::uint64_t mine = ThreadIdentity::affinityMask(0);
    int myPrio = ThreadIdentity::ioprio();
    std::uint64_t theirs = 0;
    int theirPrio = -1;
    std::thread other([&] {
        int cpu = 63 - __builtin_clzll(mine);
        ASSERT_TRUE(ThreadIdentity::pinToCpu(cpu).ok());
        ASSERT_TRUE(ThreadIdentity::setIoprio(ThreadIdentity::makeIoprio(ThreadIdentity::kIoprioClassIdle, 0)).ok());
        theirs = ThreadIdentity::affinityMask(0);
        theirPrio = ThreadIdentity::ioprio();
    });
    other.join();
    EXPECT_EQ(__builtin_popcountll(theirs), 1);
    EXPECT_EQ(ThreadIdentity::affinityMask(0), mine);
    EXPECT_EQ(theirPrio, ThreadIdentity::makeIoprio(ThreadIdentity::kIoprioClassIdle, 0));
    EXPECT_EQ(ThreadIdentity::ioprio(), myPrio);
}

TEST(ThreadIdentity, MaskToList) {
    EXPECT_EQ(ThreadIdentity::maskToList(0b11), "0-1");
    EXPECT_EQ(ThreadIdentity::maskToList(0b1011), "0-1,3");
    EXPECT_EQ(ThreadIdentity::maskToList(0b10), "1");
    EXPECT_EQ(ThreadIdentity::maskToList(0), "none");
}
