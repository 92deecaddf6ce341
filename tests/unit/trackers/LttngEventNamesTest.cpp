#include "trackers/LttngEventNames.h"

#include <gtest/gtest.h>

using aioscope::trace::RawEvent;
using aioscope::trace::RawField;
using aioscope::trackers::LttngEventNames;
using Name = LttngEventNames::FtraceName;

TEST(LttngEventNames, KernelNamesMapToFtrace)
{
    EXPECT_EQ(LttngEventNames::toFtrace("", "syscall_entry_pread64"), (Name{"syscalls", "sys_enter_pread64"}));
    EXPECT_EQ(LttngEventNames::toFtrace("", "syscall_exit_io_submit"), (Name{"syscalls", "sys_exit_io_submit"}));
    EXPECT_EQ(LttngEventNames::toFtrace("", "compat_syscall_entry_pwrite64"), (Name{"syscalls", "sys_enter_pwrite64"}));
    EXPECT_EQ(LttngEventNames::toFtrace("", "sched_switch"), (Name{"sched", "sched_switch"}));
    EXPECT_EQ(LttngEventNames::toFtrace("", "block_rq_issue"), (Name{"block", "block_rq_issue"}));
    EXPECT_EQ(LttngEventNames::toFtrace("", "irq_softirq_entry"), (Name{"irq", "softirq_entry"}));
    EXPECT_EQ(LttngEventNames::toFtrace("", "lttng_statedump_process_state"), (Name{"lttng_statedump", "process_state"}));
    EXPECT_EQ(LttngEventNames::toFtrace("", "workqueue_execute_start"), (Name{"workqueue", "workqueue_execute_start"}));
}

TEST(LttngEventNames, FtraceNamesWithOrWithoutSystem)
{
    EXPECT_EQ(LttngEventNames::toFtrace("", "sys_enter_pread64"), (Name{"syscalls", "sys_enter_pread64"}));
    EXPECT_EQ(LttngEventNames::toFtrace("", "cap_capable"), (Name{"capability", "cap_capable"}));
    EXPECT_EQ(LttngEventNames::toFtrace("io_uring", "io_uring_submit_req"), (Name{"io_uring", "io_uring_submit_req"}));
    EXPECT_EQ(LttngEventNames::toFtrace("aioscope", "submit"), (Name{"aioscope", "submit"}));
    EXPECT_FALSE(LttngEventNames::toFtrace("", "my_own_event").has_value());
}

TEST(LttngEventNames, ReverseMapping)
{
    EXPECT_EQ(LttngEventNames::toLttng("syscalls", "sys_enter_pread64"), "syscall_entry_pread64");
    EXPECT_EQ(LttngEventNames::toLttng("syscalls", "sys_exit_fsync"), "syscall_exit_fsync");
    EXPECT_EQ(LttngEventNames::toLttng("irq", "softirq_exit"), "irq_softirq_exit");
    EXPECT_EQ(LttngEventNames::toLttng("sched", "sched_switch"), "sched_switch");
    EXPECT_EQ(LttngEventNames::toLttng("capability", "cap_capable"), "");
}

TEST(LttngEventNames, FieldsByFtraceNameInEitherSpelling)
{
    // lttng's sched_process_fork: parent_pid is the thread group, parent_tid the thread.
    const RawField lttng[] = {{"parent_tid", "43", 43, true}, {"parent_pid", "42", 42, true}, {"child_tid", "44", 44, true}};
    RawEvent fork;
    fork.name = "sched_process_fork";
    fork.fields = lttng;
    EXPECT_EQ(LttngEventNames::number(fork, "parent_pid"), 43);
    EXPECT_EQ(LttngEventNames::number(fork, "child_pid"), 44);

    const RawField ftrace[] = {{"parent_pid", "43", 43, true}, {"child_pid", "44", 44, true}};
    fork.system = "sched";
    fork.fields = ftrace;
    EXPECT_EQ(LttngEventNames::number(fork, "parent_pid"), 43);

    const RawField sw[] = {{"next_comm", "fio", 0, false}, {"next_tid", "42", 42, true}};
    RawEvent sched;
    sched.name = "sched_switch";
    sched.fields = sw;
    EXPECT_EQ(LttngEventNames::number(sched, "next_pid"), 42);
    EXPECT_EQ(LttngEventNames::text(sched, "next_comm"), "fio");
    EXPECT_EQ(LttngEventNames::lttngField("sched_wakeup", "pid"), "tid");
    EXPECT_EQ(LttngEventNames::lttngField("block_rq_issue", "sector"), "sector");
}
