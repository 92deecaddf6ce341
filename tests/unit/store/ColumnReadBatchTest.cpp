// ColumnReadBatch runs a run's column reads on several threads: every job
// runs once, jobs really run at the same time, each thread keeps its own
// scratch buffer, and a failure or exception reaches the caller.
#include "store/ColumnReadBatch.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

using namespace aioscope;
using aioscope::store::ColumnReadBatch;
using aioscope::store::ColumnReader;

TEST(ColumnReadBatch, RunsEveryJobOnce) {
    ColumnReadBatch batch;
    std::vector<std::atomic<int>> runs(50);
    for (auto& r : runs)
        batch.add([&r](ColumnReader::Scratch&) -> Result<void> {
            ++r;
            return {};
        });
    ASSERT_TRUE(batch.run(3));
    for (std::size_t i = 0; i < runs.size(); ++i)
        EXPECT_EQ(runs[i].load(), 1) << "job " << i;
}

TEST(ColumnReadBatch, TwoThreadsRunJobsAtTheSameTime) {
    // Each of the two jobs waits (up to 10 s) for the other to start: only a
    // second thread lets both see each other.
    std::mutex m;
    std::condition_variable cv;
    int started = 0;
    std::atomic<int> metTheOther{0};
    std::set<std::thread::id> threads;
    std::set<const void*> scratches;
    ColumnReadBatch batch;
    for (int i = 0; i < 2; ++i)
        batch.add([&](ColumnReader::Scratch& s) -> Result<void> {
            std::unique_lock lock(m);
            threads.insert(std::this_thread::get_id());
            scratches.insert(&s);
            ++started;
            cv.notify_all();
            if (cv.wait_for(lock, std::chrono::seconds(10), [&] { return started == 2; }))
                ++metTheOther;
            return {};
        });
    ASSERT_TRUE(batch.run(2));
    EXPECT_EQ(metTheOther.load(), 2);
    EXPECT_EQ(threads.size(), 2u);
    EXPECT_EQ(scratches.size(), 2u) << "the threads shared a scratch buffer";
}

TEST(ColumnReadBatch, TheFirstFailureInAddOrderIsTheError) {
    ColumnReadBatch batch;
    std::atomic<int> ran{0};
    for (int i = 0; i < 8; ++i)
        batch.add([i, &ran](ColumnReader::Scratch&) -> Result<void> {
            ++ran;
            if (i == 3 || i == 6)
                return makeError("column " + std::to_string(i) + " is corrupt");
            return {};
        });
    auto r = batch.run(2);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message, "column 3 is corrupt");
    EXPECT_EQ(ran.load(), 8);
}

TEST(ColumnReadBatch, AnExceptionInAJobReachesTheCaller) {
    ColumnReadBatch batch;
    batch.add([](ColumnReader::Scratch&) -> Result<void> { throw std::bad_alloc(); });
    for (int i = 0; i < 4; ++i)
        batch.add([](ColumnReader::Scratch&) -> Result<void> { return {}; });
    EXPECT_THROW((void)batch.run(2), std::bad_alloc);
}

TEST(ColumnReadBatch, AnEmptyBatchSucceeds) {
    ColumnReadBatch batch;
    EXPECT_TRUE(batch.run());
}
