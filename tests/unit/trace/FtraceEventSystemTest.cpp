#include "trace/FtraceEventSystem.h"

#include <gtest/gtest.h>

using aioscope::trace::FtraceEventSystem;

TEST(FtraceEventSystem, NamesWithoutSystemGetTheirs) {
    EXPECT_EQ(FtraceEventSystem::of("sys_enter_pread64"), "syscalls");
    EXPECT_EQ(FtraceEventSystem::of("sched_switch"), "sched");
    EXPECT_EQ(FtraceEventSystem::of("softirq_entry"), "irq");
    EXPECT_EQ(FtraceEventSystem::of("cap_capable"), "capability");
    EXPECT_EQ(FtraceEventSystem::of("my_own_event"), "");
}
