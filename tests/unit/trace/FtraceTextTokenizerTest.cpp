#include "trace/ftrace/FtraceTextTokenizer.h"

#include <gtest/gtest.h>

using namespace aioscope;
using namespace aioscope::trace;

namespace {
struct Tok {
    FtraceTextTokenizer tokenizer;
    RawEvent event;
    FtraceTextTokenizer::LineKind kind(std::string_view line) { return tokenizer.tokenize(line, 7, event).kind; }
};
} // namespace

TEST(FtraceTextTokenizer, TracefsLineWithTgidAndFlags) {
    Tok t;
    ASSERT_EQ(t.kind("   iou-wrk-10514-10515   (  10514) [001] d..3.   579.746518: sched_wakeup: comm=fio pid=10514 prio=120 target_cpu=001"),
              FtraceTextTokenizer::LineKind::Event);
    EXPECT_EQ(t.event.comm, "iou-wrk-10514");
    EXPECT_EQ(t.event.tid, 10515);
    EXPECT_EQ(t.event.pid, 10514);
    EXPECT_EQ(t.event.cpu, 1);
    EXPECT_EQ(t.event.ts, 579746518000);
    EXPECT_EQ(t.event.name, "sched_wakeup");
    EXPECT_EQ(t.event.text("comm"), "fio");
    EXPECT_EQ(t.event.number("pid"), 10514);
    EXPECT_EQ(t.event.place, 7u);
}

TEST(FtraceTextTokenizer, LineWithoutTgidOrFlagsAndCommWithSpaces) {
    Tok t;
    ASSERT_EQ(t.kind("     Web Content-2711  [003] d... 26186.336632: sched_waking: comm=Timer pid=2745 prio=120 target_cpu=001"),
              FtraceTextTokenizer::LineKind::Event);
    EXPECT_EQ(t.event.comm, "Web Content");
    EXPECT_EQ(t.event.tid, 2711);
    EXPECT_EQ(t.event.pid, -1);
    ASSERT_EQ(t.kind("           <...>-1701  [001]    76.211513: sched_switch:          prev_comm=trace-cmd prev_pid=1701 prev_prio=120 prev_state=64 next_comm=swapper/1 next_pid=0 next_prio=120"),
              FtraceTextTokenizer::LineKind::Event);
    EXPECT_EQ(t.event.text("prev_comm"), "trace-cmd");
    EXPECT_EQ(t.event.number("prev_state"), 64);
    EXPECT_EQ(t.event.text("next_comm"), "swapper/1");
}

TEST(FtraceTextTokenizer, SchedSwitchStateBeforeArrow) {
    Tok t;
    ASSERT_EQ(t.kind("fio-9805    [001] d..2.   534.097022: sched_switch: prev_comm=fio prev_pid=9805 prev_prio=120 prev_state=D ==> next_comm=swapper/1 next_pid=0 next_prio=120"),
              FtraceTextTokenizer::LineKind::Event);
    EXPECT_EQ(t.event.text("prev_state"), "D");
    EXPECT_EQ(t.event.number("next_pid"), 0);
}

TEST(FtraceTextTokenizer, TraceCmdPluginSchedSwitchAndBufferPrefix) {
    Tok t;
    ASSERT_EQ(t.kind("aioscope-test:      kworker/1:1-41    [001]   534.090666: sched_switch:         kworker/1:1:41 [120] W ==> fio:9805 [120]"),
              FtraceTextTokenizer::LineKind::Event);
    EXPECT_EQ(t.event.comm, "kworker/1:1");
    EXPECT_EQ(t.event.tid, 41);
    EXPECT_EQ(t.event.text("prev_comm"), "kworker/1:1");
    EXPECT_EQ(t.event.number("prev_pid"), 41);
    EXPECT_EQ(t.event.text("prev_state"), "W");
    EXPECT_EQ(t.event.text("next_comm"), "fio");
    EXPECT_EQ(t.event.number("next_pid"), 9805);
}

TEST(FtraceTextTokenizer, IoUringCommaPairs) {
    Tok t;
    ASSERT_EQ(t.kind("fio-10514   (  10514) [001] .....   579.746409: io_uring_queue_async_work: ring 000000000043f167, request 000000000ff72df6, user_data 0x558cbb6daf00, opcode WRITE, flags 0x10000480010, normal queue, work 000000005865fae2"),
              FtraceTextTokenizer::LineKind::Event);
    EXPECT_EQ(t.event.number("request"), 0xff72df6);
    EXPECT_EQ(t.event.number("user_data"), 0x558cbb6daf00);
    EXPECT_EQ(t.event.text("opcode"), "WRITE");
    EXPECT_EQ(t.event.number("work"), 0x5865fae2);
    ASSERT_EQ(t.kind("fio-10514   (  10514) [001] .....   579.746550: io_uring_complete: ring 000000000043f167, req 000000000ff72df6, user_data 0x558cbb6daf00, result 4096, cflags 0x0 extra1 0 extra2 0 "),
              FtraceTextTokenizer::LineKind::Event);
    EXPECT_EQ(t.event.number("result"), 4096);
    EXPECT_EQ(t.event.number("cflags"), 0);
    EXPECT_EQ(t.event.number("extra2"), 0);
}

TEST(FtraceTextTokenizer, SyscallTracerLines) {
    Tok t;
    ASSERT_EQ(t.kind("fio-10688   (  10688) [001] .....   583.381118: sys_pwrite64(fd: 6, buf: 0x55cd50e00620, count: 0x1000, pos: 0)"),
              FtraceTextTokenizer::LineKind::Event);
    EXPECT_EQ(t.event.name, "sys_enter_pwrite64");
    EXPECT_EQ(t.event.system, "syscalls");
    EXPECT_EQ(t.event.number("fd"), 6);
    EXPECT_EQ(t.event.number("count"), 4096);
    ASSERT_EQ(t.kind("           xfwm4-3252  [005] ....   395.705681: sys_recvmsg -> 0xfffffffffffffff5"),
              FtraceTextTokenizer::LineKind::Event);
    EXPECT_EQ(t.event.name, "sys_exit_recvmsg");
    EXPECT_EQ(t.event.number("ret"), -11);
    // Old kernels: every argument in hex without 0x.
    ASSERT_EQ(t.kind("           <...>-4083  [004] ....   395.705679: sys_ioctl(fd: ff, cmd: 5410, arg: 7ffe0babe8fc)"),
              FtraceTextTokenizer::LineKind::Event);
    EXPECT_EQ(t.event.number("fd"), 255);
    EXPECT_EQ(t.event.number("cmd"), 0x5410);
}

// The tokenizer remembers its last syscall names by a hash of their length and
// end bytes: names that share all three, and entry and exit of one call, stay apart.
TEST(FtraceTextTokenizer, SyscallNamesThatShareTheirRememberedSlotStayApart) {
    Tok t;
    const char* lines[][2] = {
        {"dd-1 [000] ..... 1.000001: sys_read(fd: 0, buf: 0x1, count: 0x1)", "sys_enter_read"},
        {"dd-1 [000] ..... 1.000002: sys_rend(fd: 0, buf: 0x1, count: 0x1)", "sys_enter_rend"},
        {"dd-1 [000] ..... 1.000003: sys_read -> 0x1", "sys_exit_read"},
        {"dd-1 [000] ..... 1.000004: sys_read(fd: 0, buf: 0x1, count: 0x1)", "sys_enter_read"},
        {"dd-1 [000] ..... 1.000005: sys_rend -> 0x0", "sys_exit_rend"},
        {"dd-1 [000] ..... 1.000006: sys_read -> 0x1", "sys_exit_read"},
    };
    std::string_view firstRead;
    for (const auto& [line, name] : lines) {
        ASSERT_EQ(t.kind(line), FtraceTextTokenizer::LineKind::Event) << line;
        EXPECT_EQ(t.event.name, name) << line;
        EXPECT_EQ(t.event.system, "syscalls");
        if (t.event.name == "sys_enter_read") {
            if (firstRead.empty())
                firstRead = t.event.name;
            EXPECT_EQ(t.event.name.data(), firstRead.data()) << "one interned copy of each name";
        }
    }
}

TEST(FtraceTextTokenizer, BlockAndWorkqueuePositionalBodies) {
    Tok t;
    ASSERT_EQ(t.kind("python3-10575   (  10575) [001] ...1.   581.209469: block_rq_insert: 254,0 RM 4096 () 1478416 + 8 be,0,4 [bash]"),
              FtraceTextTokenizer::LineKind::Event);
    EXPECT_EQ(t.event.text("dev"), "254,0");
    EXPECT_EQ(t.event.text("rwbs"), "RM");
    EXPECT_EQ(t.event.number("bytes"), 4096);
    EXPECT_EQ(t.event.number("sector"), 1478416);
    EXPECT_EQ(t.event.number("nr_sector"), 8);
    ASSERT_EQ(t.kind("kworker/0:1-11      (     11) [000] .....   635.351947: workqueue_execute_start: work struct 0000000013ee1d14: function aio_fsync_work"),
              FtraceTextTokenizer::LineKind::Event);
    EXPECT_EQ(t.event.number("work"), 0x13ee1d14);
    EXPECT_EQ(t.event.text("function"), "aio_fsync_work");
}

TEST(FtraceTextTokenizer, HeadersLostEventsAndGarbage) {
    Tok t;
    EXPECT_EQ(t.kind("# tracer: nop"), FtraceTextTokenizer::LineKind::Header);
    EXPECT_EQ(t.kind("version = 6"), FtraceTextTokenizer::LineKind::Header);
    EXPECT_EQ(t.kind("cpus=2"), FtraceTextTokenizer::LineKind::Header);
    EXPECT_EQ(t.kind(""), FtraceTextTokenizer::LineKind::Blank);
    auto lost = t.tokenizer.tokenize("CPU:1 [LOST 1234 EVENTS]", 1, t.event);
    EXPECT_EQ(lost.kind, FtraceTextTokenizer::LineKind::LostEvents);
    EXPECT_EQ(lost.lost, 1234u);
    EXPECT_EQ(lost.cpu, 1);
    EXPECT_EQ(t.kind("hello world"), FtraceTextTokenizer::LineKind::Malformed);
    EXPECT_EQ(t.kind("fio-1 [001] notatime: x: y"), FtraceTextTokenizer::LineKind::Malformed);
    EXPECT_EQ(t.kind("fio-1 [001] 1.0:"), FtraceTextTokenizer::LineKind::Malformed);
}

// Timestamps: seconds.fraction (up to 9 digits each) or a bare ns counter (up
// to 18 digits); anything longer is not a timestamp, and must not overflow on
// the way (the fuzzer found 35240311111111111111 doing so).
TEST(FtraceTextTokenizer, TimestampLimits) {
    Tok t;
    const std::string head = "  fio-1 [000] ..... ";
    ASSERT_EQ(t.kind(head + "123456789.123456789: sched_waking: comm=a pid=2"), FtraceTextTokenizer::LineKind::Event);
    EXPECT_EQ(t.event.ts, 123456789123456789);
    ASSERT_EQ(t.kind(head + "12.5: sched_waking: comm=a pid=2"), FtraceTextTokenizer::LineKind::Event);
    EXPECT_EQ(t.event.ts, 12500000000);
    ASSERT_EQ(t.kind(head + "999999999999999999: sched_waking: comm=a pid=2"), FtraceTextTokenizer::LineKind::Event);
    EXPECT_EQ(t.event.ts, 999999999999999999);
    for (const char* bad : {"35240311111111111111", "1234567890.5", "1.1234567890", "12.", ".5", "1.2.3"})
        EXPECT_EQ(t.kind(head + bad + ": sched_waking: comm=a pid=2"), FtraceTextTokenizer::LineKind::Malformed) << bad;
}
