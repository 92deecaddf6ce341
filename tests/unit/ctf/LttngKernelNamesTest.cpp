#include "trace/ctf/LttngKernelNames.h"

#include <gtest/gtest.h>

using aioscope::trace::LttngKernelNames;
using Name = LttngKernelNames::FtraceName;

TEST(LttngKernelNames, KernelNamesMapToFtrace) {
    EXPECT_EQ(LttngKernelNames::toFtrace("syscall_entry_pread64"), (Name{"syscalls", "sys_enter_pread64"}));
    EXPECT_EQ(LttngKernelNames::toFtrace("syscall_exit_io_submit"), (Name{"syscalls", "sys_exit_io_submit"}));
    EXPECT_EQ(LttngKernelNames::toFtrace("compat_syscall_entry_pwrite64"), (Name{"syscalls", "sys_enter_pwrite64"}));
    EXPECT_EQ(LttngKernelNames::toFtrace("sched_switch"), (Name{"sched", "sched_switch"}));
    EXPECT_EQ(LttngKernelNames::toFtrace("block_rq_issue"), (Name{"block", "block_rq_issue"}));
    EXPECT_EQ(LttngKernelNames::toFtrace("irq_softirq_entry"), (Name{"irq", "softirq_entry"}));
    EXPECT_EQ(LttngKernelNames::toFtrace("lttng_statedump_process_state"), (Name{"lttng_statedump", "process_state"}));
    EXPECT_EQ(LttngKernelNames::toFtrace("workqueue_execute_start"), (Name{"workqueue", "workqueue_execute_start"}));
    EXPECT_FALSE(LttngKernelNames::toFtrace("my_own_event").has_value());
}

TEST(LttngKernelNames, FieldsFtraceSpellsOtherwise) {
    auto renamed = [](std::string_view event, std::string_view field) -> std::string_view {
        for (const auto& r : LttngKernelNames::fieldRenames(event))
            if (r.lttngField == field)
                return r.ftraceField;
        return field;
    };
    EXPECT_EQ(renamed("sched_switch", "next_tid"), "next_pid");
    EXPECT_EQ(renamed("sched_switch", "next_comm"), "next_comm");
    EXPECT_EQ(renamed("sched_wakeup", "tid"), "pid");
    EXPECT_EQ(renamed("sched_process_fork", "child_tid"), "child_pid");
    EXPECT_EQ(renamed("sched_process_fork", "child_pid"), "child_tgid") << "lttng's child_pid is the thread group";
    EXPECT_EQ(renamed("block_rq_issue", "sector"), "sector");
    EXPECT_TRUE(LttngKernelNames::fieldRenames("syscall_entry_pread64").empty());
}
