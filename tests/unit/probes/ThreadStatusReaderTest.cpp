#include "probes/ThreadIdentity.h"
#include "probes/ThreadStatusReader.h"

#include <gtest/gtest.h>

#include <future>
#include <thread>
#include <unistd.h>

using namespace aioscope::probes;

TEST(ThreadStatusReader, ListsThisThreadAndAnother) {
    std::promise<pid_t> tidOf;
    std::promise<void> release;
    std::thread other([&] {
        tidOf.set_value(ThreadIdentity::tid());
        release.get_future().wait();
    });
    pid_t otherTid = tidOf.get_future().get();
    auto all = ThreadStatusReader::listSelf();
    bool sawSelf = false, sawOther = false;
    for (const auto& t : all) {
        sawSelf |= t.tid == ThreadIdentity::tid();
        sawOther |= t.tid == otherTid;
    }
    release.set_value();
    other.join();
    EXPECT_TRUE(sawSelf);
    EXPECT_TRUE(sawOther);
}

TEST(ThreadStatusReader, SeesOneThreadsNiceAndAffinityOnly) {
    std::promise<pid_t> tidOf;
    std::promise<void> release;
    std::thread other([&] {
        ASSERT_TRUE(ThreadIdentity::setNice(5).ok());
        tidOf.set_value(ThreadIdentity::tid());
        release.get_future().wait();
    });
    pid_t otherTid = tidOf.get_future().get();
    auto changed = ThreadStatusReader::read(otherTid);
    auto self = ThreadStatusReader::read(ThreadIdentity::tid());
    release.set_value();
    other.join();
    ASSERT_TRUE(changed && self);
    EXPECT_EQ(changed->nice, 5);
    EXPECT_NE(self->nice, 5);
    EXPECT_FALSE(changed->name.empty());
    EXPECT_FALSE(changed->cpusAllowed.empty());
    EXPECT_GE(changed->ioprio, 0);
}

TEST(ThreadStatusReader, GoneThreadIsNullopt) {
    pid_t gone = 0;
    std::thread t([&] { gone = ThreadIdentity::tid(); });
    t.join();
    EXPECT_FALSE(ThreadStatusReader::read(gone));
}

TEST(ThreadStatusReader, IoprioNames) {
    EXPECT_EQ(ThreadStatusReader::ioprioName(ThreadIdentity::makeIoprio(3, 0)), "idle/0");
    EXPECT_EQ(ThreadStatusReader::ioprioName(ThreadIdentity::makeIoprio(2, 4)), "be/4");
    EXPECT_EQ(ThreadStatusReader::ioprioName(0), "none/0");
}
