#include "trace/live/LiveEventPreset.h"

#include <algorithm>

namespace aioscope::trace::live {

namespace {

// The syscalls the trackers turn into requests, and those that change a
// submitter's context (the evidence the verdicts compare against). Not
// io_uring_enter or io_getevents: no tracker reads them, and at one call per
// request they would be much of the trace's cost.
constexpr std::string_view kSyscalls[] = {
    "pread64", "pwrite64",    "preadv2",    "pwritev2",          "fsync",    "fdatasync",     "io_submit",
    "openat",  "setpriority", "ioprio_set", "sched_setaffinity", "setfsuid", "sched_setattr",
};

void add(std::vector<LiveEvent>& out, std::string_view system, std::initializer_list<std::string_view> names) {
    for (auto n : names)
        out.push_back({std::string(system), std::string(n), {}});
}

// sched_switch gives every lane its states; wake-ups are left out (no
// tracker reads them, and there is one per request).
void addSched(std::vector<LiveEvent>& out) {
    add(out, "sched", {"sched_switch", "sched_process_fork", "sched_process_exit", "sched_process_exec"});
    add(out, "task", {"task_newtask", "task_rename"});
}

void addIoUring(std::vector<LiveEvent>& out) {
    add(out, "io_uring",
        {"io_uring_create", "io_uring_submit_req", "io_uring_queue_async_work", "io_uring_complete",
         "io_uring_poll_arm"});
}

void addBlock(std::vector<LiveEvent>& out) {
    add(out, "block", {"block_rq_insert", "block_rq_issue", "block_rq_complete"});
}

} // namespace

std::vector<std::string_view> LiveEventPreset::names() {
    return {"engine", "probe", "sched"};
}

Result<std::vector<LiveEvent>> LiveEventPreset::named(std::string_view preset) {
    std::vector<LiveEvent> out;
    if (preset == "engine" || preset.empty()) {
        addSched(out);
        addIoUring(out);
        addBlock(out);
        for (auto sc : kSyscalls) {
            out.push_back({"syscalls", "sys_enter_" + std::string(sc), {}});
            out.push_back({"syscalls", "sys_exit_" + std::string(sc), {}});
        }
        add(out, "workqueue", {"workqueue_queue_work", "workqueue_execute_start", "workqueue_execute_end"});
        add(out, "signal", {"signal_generate"});
        add(out, "capability", {"cap_capable"});
        return out;
    }
    if (preset == "probe") {
        // Filters keep the busy system-wide events to what the probes ask
        // about: DAC_OVERRIDE, DAC_READ_SEARCH, FSETID, SYS_NICE; SIGXFSZ and
        // the poll probe's SIGUSR2.
        out.push_back({"signal", "signal_generate", "sig == 25 || sig == 12"});
        out.push_back({"capability", "cap_capable", "cap == 1 || cap == 2 || cap == 4 || cap == 23"});
        addIoUring(out);
        addBlock(out);
        add(out, "writeback", {"writeback_dirty_folio"});
        add(out, "task", {"task_newtask", "task_rename"});
        add(out, "sched", {"sched_process_fork"});
        add(out, "syscalls", {"sys_enter_io_submit", "sys_enter_io_uring_enter"});
        return out;
    }
    if (preset == "sched") {
        addSched(out);
        return out;
    }
    std::string known;
    for (auto n : names())
        known += (known.empty() ? "" : ", ") + std::string(n);
    return makeError("unknown event preset '" + std::string(preset) + "' (known: " + known + ")");
}

std::vector<std::string> LiveEventPreset::systemsOf(const std::vector<LiveEvent>& events) {
    std::vector<std::string> systems;
    for (const auto& e : events)
        if (std::find(systems.begin(), systems.end(), e.system) == systems.end())
            systems.push_back(e.system);
    return systems;
}

} // namespace aioscope::trace::live
