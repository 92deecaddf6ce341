#include "probes/ProcessTraceFilter.h"

#include <gtest/gtest.h>

using aioscope::probes::ProcessTraceFilter;

namespace {

// Process 500 (tids 500, 501). Thread 501's tgid column is stale (900, the
// process that last had pid 501); 501 creates iou-wrk 777, whose column is
// stale too. Process 900's own thread 901 must stay out.
const char* kText = "           probe-501     (    900) [001] ..... 10.000001: signal_generate: sig=12 errno=0 code=-6 "
                    "comm=probe pid=501 grp=0 res=0\n"
                    "           probe-501     (    900) [001] ..... 10.000002: task_newtask: pid=777 comm=probe "
                    "clone_flags=3d0f00 oom_score_adj=0\n"
                    "     iou-wrk-501-777     (    900) [000] ..... 10.000003: signal_generate: sig=25 errno=0 code=0 "
                    "comm=iou-wrk-501 pid=777 grp=0 res=0\n"
                    "           other-901     (    900) [000] ..... 10.000004: signal_generate: sig=25 errno=0 code=0 "
                    "comm=other pid=901 grp=0 res=0\n"
                    "           probe-502     (    500) [000] ..... 10.000005: cap_capable: cap=1 ret=0\n"
                    "           other-903     (-------) [000] ..... 10.000006: cap_capable: cap=1 ret=0\n";

} // namespace

TEST(ProcessTraceFilter, KnownThreadsAndTheirChildrenCountWhateverTheirTgidColumnSays) {
    auto lines = ProcessTraceFilter(500, {500, 501}).select(kText);
    ASSERT_EQ(lines.size(), 4u);
    EXPECT_EQ(lines[0].tid, 501);
    EXPECT_EQ(lines[1].event, "task_newtask");
    EXPECT_EQ(lines[2].tid, 777);
    EXPECT_EQ(lines[2].field("sig"), "25");
    EXPECT_EQ(lines[3].tid, 502); // unknown tid, but its (fresh) tgid is ours
}

TEST(ProcessTraceFilter, WithoutKnownTidsOnlyTheTgidColumnDecides) {
    auto lines = ProcessTraceFilter(500, {}).select(kText);
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0].tid, 502);
}

TEST(ProcessTraceFilter, AnUnknownThreadIsJudgedByItsTgidColumn) {
    auto lines = ProcessTraceFilter(900, {}).select(kText);
    // 501's stale column says 900, so it is taken as 900's, and so is 777;
    // 903 has no tgid and is not known.
    ASSERT_EQ(lines.size(), 4u);
    EXPECT_EQ(lines[3].tid, 901);
}
