// A step's `expect` against a small run: two requests run by their submitter,
// one handed off to a worker.
#include "lessons/LessonExpectation.h"

#include "SyntheticRun.h"

#include <gtest/gtest.h>

using namespace aioscope;
using namespace aioscope::lessons;

namespace {
aioscope::Run threeRequests() {
    return aioscope::testing::makeSyntheticRun(
               {{.name = "sync", .requests = 2}, {.name = "pool", .requests = 1, .worker = true}}, 1)
        .run;
}

LessonStep stepOn(const std::string& design) {
    LessonStep step;
    step.highlight.design = design;
    return step;
}
} // namespace

TEST(LessonExpectation, CountsHandOffsOfTheSelection) {
    const aioscope::Run run = threeRequests();
    LessonStep sync = stepOn("sync");
    const auto syncIds = sync.highlight.select(run);
    ASSERT_EQ(syncIds.size(), 2u);
    EXPECT_EQ(LessonExpectation::handoffs(run, syncIds), 0u);
    sync.expect.handoffs = 0;
    EXPECT_TRUE(LessonExpectation::problems(sync, run, syncIds).empty());
    sync.expect.allHandedOff = true;
    const auto broken = LessonExpectation::problems(sync, run, syncIds, "traces/x.dat");
    ASSERT_EQ(broken.size(), 1u);
    EXPECT_EQ(broken[0], "highlight (design sync) selects 2 request(s) in 'traces/x.dat', 0 of them handed off, "
                         "expected every one handed off");

    LessonStep pool = stepOn("pool");
    const auto poolIds = pool.highlight.select(run);
    pool.expect.allHandedOff = true;
    pool.expect.minHandoffs = 1;
    EXPECT_TRUE(LessonExpectation::problems(pool, run, poolIds).empty());
    pool.expect.handoffs = 0;
    ASSERT_EQ(LessonExpectation::problems(pool, run, poolIds).size(), 1u);
}

TEST(LessonExpectation, AllHandedOffNeedsARequest) {
    const aioscope::Run run = threeRequests();
    LessonStep none = stepOn("libaio");
    none.expect.allHandedOff = true;
    EXPECT_EQ(LessonExpectation::problems(none, run, none.highlight.select(run)).size(), 1u);
}
