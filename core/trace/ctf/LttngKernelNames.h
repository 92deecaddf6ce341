#pragma once
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace aioscope::trace {

// lttng-modules names kernel events and a few fields its own way; the CTF
// reader gives trackers the ftrace spelling, so one tracker serves every
// format (the trace's own spelling stays in RawEvent::sourceName):
//
//   lttng-modules                     ftrace
//   syscall_entry_pread64             syscalls:sys_enter_pread64  (also compat_syscall_*)
//   syscall_exit_pread64              syscalls:sys_exit_pread64
//   sched_switch (prev_tid, next_tid) sched:sched_switch (prev_pid, next_pid)
//   sched_wakeup/waking (tid)         sched:sched_wakeup/waking (pid)
//   sched_process_fork (parent_tid, child_tid; *_pid = tgid)
//                                     sched:sched_process_fork (parent_pid, child_pid = tids;
//                                     the tgids become parent_tgid, child_tgid)
//   sched_process_exit/free/exec (tid)  sched:... (pid)
//   block_rq_*, block_bio_*           block:... (same fields)
//   irq_softirq_*, irq_handler_*      irq:softirq_*, irq:irq_handler_*
//   workqueue_*, signal_*, io_uring_* workqueue:, signal:, io_uring: (same fields)
//   lttng_statedump_process_state     lttng_statedump:process_state (no ftrace twin:
//                                     the thread list at trace start: tid, pid, ppid, name)
class LttngKernelNames {
public:
    struct FtraceName {
        std::string system;
        std::string name;
        bool operator==(const FtraceName&) const = default;
    };
    struct FieldRename {
        std::string_view lttngField;
        std::string_view ftraceField;
    };

    // The ftrace (system, name) of an lttng-modules event; nullopt for a
    // name no rule knows (kept as it is).
    static std::optional<FtraceName> toFtrace(std::string_view lttngName);
    // The fields of this lttng-modules event that ftrace spells otherwise.
    static std::span<const FieldRename> fieldRenames(std::string_view lttngName);
};

} // namespace aioscope::trace
