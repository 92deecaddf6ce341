#include "probes/TraceLine.h"

#include <gtest/gtest.h>

using aioscope::probes::TraceLine;

TEST(TraceLine, ParsesLineWithTgidColumn) {
    auto t = TraceLine::parse("        iou-wrk-4242-4250    (   4242) [001] ..... 12345.678901: signal_generate: "
                              "sig=25 errno=0 code=0 comm=iou-wrk-4242 pid=4250 grp=0 res=0");
    ASSERT_TRUE(t);
    EXPECT_EQ(t->comm, "iou-wrk-4242");
    EXPECT_EQ(t->tid, 4250);
    EXPECT_EQ(t->tgid, 4242);
    EXPECT_EQ(t->cpu, 1);
    EXPECT_EQ(t->timestamp, "12345.678901");
    EXPECT_EQ(t->event, "signal_generate");
    EXPECT_EQ(t->field("sig"), "25");
    EXPECT_EQ(t->field("pid"), "4250");
    EXPECT_EQ(t->field("comm"), "iou-wrk-4242");
}

TEST(TraceLine, ParsesLineWithoutTgidAndSpacesInComm) {
    auto t = TraceLine::parse("  my worker-7 [000] d..1.   10.000001: io_uring_complete: ring 0000000011, req "
                              "00000022, user_data 0xa10500001, result 4096, cflags 0x0 extra1 0 extra2 0 ");
    ASSERT_TRUE(t);
    EXPECT_EQ(t->comm, "my worker");
    EXPECT_EQ(t->tid, 7);
    EXPECT_EQ(t->tgid, -1);
    EXPECT_EQ(t->cpu, 0);
    EXPECT_EQ(t->event, "io_uring_complete");
    EXPECT_EQ(t->field("user_data"), "0xa10500001");
    EXPECT_EQ(t->field("result"), "4096");
}

TEST(TraceLine, UnknownTgidAndBdiFields) {
    auto t = TraceLine::parse("aioscope-1-99 (-------) [003] ..... 5.5: writeback_dirty_folio: bdi 254:0: ino=12 index=0");
    ASSERT_TRUE(t);
    EXPECT_EQ(t->tgid, -1);
    EXPECT_EQ(t->comm, "aioscope-1");
    EXPECT_EQ(t->field("ino"), "12");
    EXPECT_EQ(t->field("index"), "0");
}

TEST(TraceLine, RejectsCommentsAndGarbage) {
    EXPECT_FALSE(TraceLine::parse("# tracer: nop"));
    EXPECT_FALSE(TraceLine::parse(""));
    EXPECT_FALSE(TraceLine::parse("not a trace line"));
}
