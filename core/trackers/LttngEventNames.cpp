#include "trackers/LttngEventNames.h"

#include <array>

namespace aioscope::trackers {

namespace {

// lttng-modules prefix -> ftrace system and the prefix the ftrace name has.
struct PrefixRule {
    std::string_view lttngPrefix;
    std::string_view system;
    std::string_view ftracePrefix;
};
constexpr std::array kLttngPrefixes{
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

// ftrace names met without a system (text traces): which system they are.
struct FtracePrefix {
    std::string_view prefix;
    std::string_view system;
};
constexpr std::array kFtracePrefixes{
    FtracePrefix{"sys_enter_", "syscalls"}, FtracePrefix{"sys_exit_", "syscalls"},
    FtracePrefix{"softirq_", "irq"},        FtracePrefix{"irq_handler_", "irq"},
    FtracePrefix{"sched_", "sched"},        FtracePrefix{"block_", "block"},
    FtracePrefix{"workqueue_", "workqueue"}, FtracePrefix{"signal_", "signal"},
    FtracePrefix{"io_uring_", "io_uring"},  FtracePrefix{"cap_capable", "capability"},
    FtracePrefix{"task_", "task"},          FtracePrefix{"timer_", "timer"},
    FtracePrefix{"hrtimer_", "timer"},      FtracePrefix{"writeback_", "writeback"},
};

// Fields lttng-modules names after the thread (tid) where ftrace says pid.
struct FieldAlias {
    std::string_view event;
    std::string_view ftraceField;
    std::string_view lttngField;
};
constexpr std::array kFieldAliases{
    FieldAlias{"sched_switch", "prev_pid", "prev_tid"},
    FieldAlias{"sched_switch", "next_pid", "next_tid"},
    FieldAlias{"sched_process_fork", "parent_pid", "parent_tid"},
    FieldAlias{"sched_process_fork", "child_pid", "child_tid"},
    FieldAlias{"sched_process_exec", "old_pid", "old_tid"},
    FieldAlias{"sched_process_exec", "pid", "tid"},
    FieldAlias{"sched_wakeup", "pid", "tid"},
    FieldAlias{"sched_waking", "pid", "tid"},
    FieldAlias{"sched_wakeup_new", "pid", "tid"},
    FieldAlias{"sched_migrate_task", "pid", "tid"},
    FieldAlias{"sched_process_exit", "pid", "tid"},
    FieldAlias{"sched_process_free", "pid", "tid"},
    FieldAlias{"sched_process_wait", "pid", "tid"},
    FieldAlias{"sched_pi_setprio", "pid", "tid"},
    FieldAlias{"sched_stat_runtime", "pid", "tid"},
    FieldAlias{"sched_stat_sleep", "pid", "tid"},
    FieldAlias{"sched_stat_wait", "pid", "tid"},
    FieldAlias{"sched_stat_iowait", "pid", "tid"},
    FieldAlias{"sched_stat_blocked", "pid", "tid"},
};

} // namespace

std::optional<LttngEventNames::FtraceName> LttngEventNames::toFtrace(std::string_view system, std::string_view name)
{
    if (!system.empty())
        return FtraceName{std::string(system), std::string(name)};
    for (const auto& rule : kLttngPrefixes)
        if (name.starts_with(rule.lttngPrefix))
            return FtraceName{std::string(rule.system),
                              std::string(rule.ftracePrefix) + std::string(name.substr(rule.lttngPrefix.size()))};
    for (const auto& rule : kFtracePrefixes)
        if (name.starts_with(rule.prefix))
            return FtraceName{std::string(rule.system), std::string(name)};
    return std::nullopt;
}

std::string LttngEventNames::toLttng(std::string_view system, std::string_view ftraceName)
{
    for (const auto& rule : kLttngPrefixes) {
        if (rule.lttngPrefix.starts_with("compat_") || rule.system != system)
            continue;
        if (ftraceName.starts_with(rule.ftracePrefix))
            return std::string(rule.lttngPrefix) + std::string(ftraceName.substr(rule.ftracePrefix.size()));
    }
    return {};
}

std::string_view LttngEventNames::lttngField(std::string_view eventName, std::string_view ftraceField)
{
    for (const auto& alias : kFieldAliases)
        if (alias.event == eventName && alias.ftraceField == ftraceField)
            return alias.lttngField;
    return ftraceField;
}

const trace::RawField* LttngEventNames::field(const trace::RawEvent& event, std::string_view ftraceField)
{
    // The lttng spelling first: lttng's sched_process_fork also has a
    // `parent_pid`, but it is the thread group, not the thread ftrace means.
    const std::string_view alias = lttngField(event.name, ftraceField);
    if (alias != ftraceField)
        if (const trace::RawField* f = event.field(alias))
            return f;
    return event.field(ftraceField);
}

std::optional<std::int64_t> LttngEventNames::number(const trace::RawEvent& event, std::string_view ftraceField)
{
    const trace::RawField* f = field(event, ftraceField);
    if (!f || !f->isNumber)
        return std::nullopt;
    return f->number;
}

std::string_view LttngEventNames::text(const trace::RawEvent& event, std::string_view ftraceField)
{
    const trace::RawField* f = field(event, ftraceField);
    return f ? f->text : std::string_view{};
}

} // namespace aioscope::trackers
