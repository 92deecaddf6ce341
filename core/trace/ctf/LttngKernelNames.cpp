#include "trace/ctf/LttngKernelNames.h"

#include <array>

namespace aioscope::trace {

namespace {

// lttng-modules prefix -> ftrace system and the prefix the ftrace name has.
struct PrefixRule {
    std::string_view lttngPrefix;
    std::string_view system;
    std::string_view ftracePrefix;
};
constexpr std::array kPrefixes{
    PrefixRule{"compat_syscall_entry_", "syscalls", "sys_enter_"},
    PrefixRule{"compat_syscall_exit_", "syscalls", "sys_exit_"},
    PrefixRule{"syscall_entry_", "syscalls", "sys_enter_"},
    PrefixRule{"syscall_exit_", "syscalls", "sys_exit_"},
    PrefixRule{"irq_softirq_", "irq", "softirq_"},
    PrefixRule{"irq_handler_", "irq", "irq_handler_"},
    PrefixRule{"lttng_statedump_", "lttng_statedump", ""},
    PrefixRule{"sched_", "sched", "sched_"},
    PrefixRule{"block_", "block", "block_"},
    PrefixRule{"workqueue_", "workqueue", "workqueue_"},
    PrefixRule{"signal_", "signal", "signal_"},
    PrefixRule{"io_uring_", "io_uring", "io_uring_"},
    PrefixRule{"timer_", "timer", "timer_"},
    PrefixRule{"hrtimer_", "timer", "hrtimer_"},
    PrefixRule{"writeback_", "writeback", "writeback_"},
};

using Rename = LttngKernelNames::FieldRename;
// lttng-modules names the thread `tid` where ftrace says `pid`.
constexpr std::array kTidIsPid{Rename{"tid", "pid"}};
constexpr std::array kSwitch{Rename{"prev_tid", "prev_pid"}, Rename{"next_tid", "next_pid"}};
// Its fork also has `parent_pid`/`child_pid`, but those are the thread
// groups: they get names of their own, so the ftrace ones mean the threads.
constexpr std::array kFork{Rename{"parent_tid", "parent_pid"}, Rename{"parent_pid", "parent_tgid"},
                           Rename{"child_tid", "child_pid"}, Rename{"child_pid", "child_tgid"}};
constexpr std::array kExec{Rename{"tid", "pid"}, Rename{"old_tid", "old_pid"}};

struct EventRenames {
    std::string_view event;
    std::span<const Rename> renames;
};
constexpr std::array kEvents{
    EventRenames{"sched_switch", kSwitch},         EventRenames{"sched_process_fork", kFork},
    EventRenames{"sched_process_exec", kExec},     EventRenames{"sched_wakeup", kTidIsPid},
    EventRenames{"sched_waking", kTidIsPid},       EventRenames{"sched_wakeup_new", kTidIsPid},
    EventRenames{"sched_migrate_task", kTidIsPid}, EventRenames{"sched_process_exit", kTidIsPid},
    EventRenames{"sched_process_free", kTidIsPid}, EventRenames{"sched_process_wait", kTidIsPid},
    EventRenames{"sched_pi_setprio", kTidIsPid},   EventRenames{"sched_stat_runtime", kTidIsPid},
    EventRenames{"sched_stat_sleep", kTidIsPid},   EventRenames{"sched_stat_wait", kTidIsPid},
    EventRenames{"sched_stat_iowait", kTidIsPid},  EventRenames{"sched_stat_blocked", kTidIsPid},
};

} // namespace

std::optional<LttngKernelNames::FtraceName> LttngKernelNames::toFtrace(std::string_view lttngName) {
    for (const auto& rule : kPrefixes)
        if (lttngName.starts_with(rule.lttngPrefix))
            return FtraceName{std::string(rule.system),
                              std::string(rule.ftracePrefix) + std::string(lttngName.substr(rule.lttngPrefix.size()))};
    return std::nullopt;
}

std::span<const LttngKernelNames::FieldRename> LttngKernelNames::fieldRenames(std::string_view lttngName) {
    for (const auto& e : kEvents)
        if (e.event == lttngName)
            return e.renames;
    return {};
}

} // namespace aioscope::trace
