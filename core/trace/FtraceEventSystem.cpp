#include "trace/FtraceEventSystem.h"

#include <array>

namespace aioscope::trace {

namespace {
struct Prefix {
    std::string_view prefix;
    std::string_view system;
};
constexpr std::array kPrefixes{
    Prefix{"sys_enter_", "syscalls"},    Prefix{"sys_exit_", "syscalls"},   Prefix{"softirq_", "irq"},
    Prefix{"irq_handler_", "irq"},       Prefix{"sched_", "sched"},         Prefix{"block_", "block"},
    Prefix{"workqueue_", "workqueue"},   Prefix{"signal_", "signal"},       Prefix{"io_uring_", "io_uring"},
    Prefix{"cap_capable", "capability"}, Prefix{"task_", "task"},           Prefix{"timer_", "timer"},
    Prefix{"hrtimer_", "timer"},         Prefix{"writeback_", "writeback"},
};
} // namespace

std::string_view FtraceEventSystem::of(std::string_view name) {
    for (const auto& rule : kPrefixes)
        if (name.starts_with(rule.prefix))
            return rule.system;
    return {};
}

} // namespace aioscope::trace
