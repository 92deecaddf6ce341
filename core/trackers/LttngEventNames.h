#pragma once
#include "trace/RawEvent.h"

#include <optional>
#include <string>
#include <string_view>

namespace aioscope::trackers {

// lttng-modules names kernel events its own way; the CTF reader keeps those
// names as they are (system empty). This table says what each one is in
// ftrace terms, so one tracker serves both formats:
//
//   lttng-modules                     ftrace
//   syscall_entry_pread64             syscalls:sys_enter_pread64  (also compat_syscall_*)
//   syscall_exit_pread64              syscalls:sys_exit_pread64
//   sched_switch (prev_tid, next_tid) sched:sched_switch (prev_pid, next_pid)
//   sched_wakeup/waking (tid)         sched:sched_wakeup/waking (pid)
//   sched_process_fork (parent_tid, child_tid; *_pid = tgid!)
//                                     sched:sched_process_fork (parent_pid, child_pid = tids)
//   sched_process_exit/free/exec (tid)  sched:... (pid)
//   block_rq_*, block_bio_*           block:... (same fields)
//   irq_softirq_*, irq_handler_*      irq:softirq_*, irq:irq_handler_*
//   workqueue_*, signal_*, io_uring_* workqueue:, signal:, io_uring: (same fields)
//   lttng_statedump_process_state     lttng_statedump:process_state (no ftrace twin:
//                                     the thread list at trace start: tid, pid, ppid, name)
//
// Use in a tracker:
//   wants(system, name):  auto f = LttngEventNames::toFtrace(system, name);
//                         return f && f->system == "syscalls" && f->name == "sys_enter_pread64";
//   onEvent(e, ...):      LttngEventNames::number(e, "next_pid")   // finds next_tid in lttng records
class LttngEventNames {
public:
    struct FtraceName {
        std::string system;
        std::string name;
        bool operator==(const FtraceName&) const = default;
    };

    // The ftrace (system, name) of an event of either spelling: lttng names
    // are translated, ftrace names (with or without system) come back as
    // they are with the system filled in when known. nullopt: an unknown
    // name with no system (a user-space event has one, so it never is).
    static std::optional<FtraceName> toFtrace(std::string_view system, std::string_view name);
    // The lttng-modules spelling of an ftrace event ("syscalls", "sys_enter_pread64")
    // -> "syscall_entry_pread64"; empty when lttng-modules has no such event.
    static std::string toLttng(std::string_view system, std::string_view ftraceName);
    // The lttng-modules name of an ftrace field of this event, or the field
    // itself when both spell it alike ("sched_switch", "next_pid") -> "next_tid".
    static std::string_view lttngField(std::string_view eventName, std::string_view ftraceField);

    // A field by its ftrace name, in an event of either spelling.
    static const trace::RawField* field(const trace::RawEvent& event, std::string_view ftraceField);
    static std::optional<std::int64_t> number(const trace::RawEvent& event, std::string_view ftraceField);
    static std::string_view text(const trace::RawEvent& event, std::string_view ftraceField);
};

} // namespace aioscope::trackers
