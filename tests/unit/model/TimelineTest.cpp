#include "model/Request.h"
#include "model/Timeline.h"

#include <gtest/gtest.h>

#include <vector>

using namespace aioscope;

TEST(Timeline, StatesInRangeByBinarySearch) {
    Timeline tl;
    tl.resizeLanes(2);
    // Added out of order on purpose.
    tl.addState(0, 30, 40, LaneState::Running);
    tl.addState(0, 0, 10, LaneState::Running);
    tl.addState(0, 10, 30, LaneState::Blocked);
    tl.sortStates();
    auto r = tl.statesIn(0, 12, 35);
    ASSERT_EQ(r.size(), 2u);
    EXPECT_EQ(tl.states(0).state[r.begin], LaneState::Blocked);
    EXPECT_EQ(tl.states(0).state[r.begin + 1], LaneState::Running);
    EXPECT_TRUE(tl.statesIn(0, 40, 100).empty());
    EXPECT_TRUE(tl.statesIn(1, 0, 100).empty());
    EXPECT_TRUE(tl.statesIn(7, 0, 100).empty());
    EXPECT_EQ(tl.stateCount(), 3u);
}

TEST(Timeline, OverlappingSegmentsAreStillFound) {
    std::vector<ExecSegment> segs = {
        {0, 0, 0, 1000},   // a long one
        {1, 0, 10, 20},
        {2, 0, 30, 40},
    };
    Timeline tl;
    tl.indexSegments(segs, 1);
    auto r = tl.segmentsIn(0, 500, 600);
    // The long segment overlaps [500, 600); the search must not skip it.
    ASSERT_GE(r.size(), 1u);
    EXPECT_EQ(tl.segments(0).request[r.begin], 0u);
}

TEST(Timeline, ManySegmentsQueryMatchesLinearScan) {
    std::vector<ExecSegment> segs;
    for (int i = 0; i < 10000; ++i)
        segs.push_back({static_cast<RequestId>(i), 0, i * 10, i * 10 + 5});
    Timeline tl;
    tl.indexSegments(segs, 1);
    for (TimeNs t0 : {0, 3, 12345, 99990}) {
        const TimeNs t1 = t0 + 777;
        auto r = tl.segmentsIn(0, t0, t1);
        std::size_t linear = 0;
        for (auto& s : segs)
            linear += (s.endNs > t0 && s.startNs < t1);
        EXPECT_EQ(r.size(), linear) << "t0=" << t0;
    }
}
