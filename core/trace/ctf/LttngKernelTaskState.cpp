#include "trace/ctf/LttngKernelTaskState.h"

namespace aioscope::trace {

namespace {

constexpr std::int32_t kMaxCpus = 4096;
constexpr std::size_t kTaskCommLen = 15; // TASK_COMM_LEN - 1

std::int32_t numberOr(const RawEvent& e, std::string_view name, std::int32_t fallback)
{
    const auto v = e.number(name);
    return v ? static_cast<std::int32_t>(*v) : fallback;
}

} // namespace

LttngKernelTaskState::Kind LttngKernelTaskState::kindOf(std::string_view eventName)
{
    if (eventName == "sched_switch")
        return Kind::SchedSwitch;
    if (eventName == "lttng_statedump_process_state")
        return Kind::StatedumpProcessState;
    if (eventName == "sched_process_fork")
        return Kind::SchedProcessFork;
    if (eventName == "sched_process_exec")
        return Kind::SchedProcessExec;
    return Kind::Other;
}

LttngKernelTaskState::Current* LttngKernelTaskState::cpu(std::int32_t index)
{
    if (index < 0 || index >= kMaxCpus)
        return nullptr;
    if (static_cast<std::size_t>(index) >= cpus_.size())
        cpus_.resize(static_cast<std::size_t>(index) + 1);
    return &cpus_[static_cast<std::size_t>(index)];
}

std::int32_t LttngKernelTaskState::pidOf(std::int32_t tid) const
{
    if (tid == 0)
        return 0; // the idle task (swapper/N)
    auto it = known_.find(tid);
    return it == known_.end() ? -1 : it->second.pid;
}

void LttngKernelTaskState::learn(std::int32_t tid, std::int32_t pid, std::string_view comm)
{
    if (tid <= 0)
        return;
    auto& k = known_[tid];
    if (pid >= 0)
        k.pid = pid;
    if (!comm.empty())
        k.comm.assign(comm);
    // A task already running somewhere gets its pid/comm now.
    for (auto& c : cpus_)
        if (c.tid == tid) {
            if (pid >= 0)
                c.pid = pid;
            if (!comm.empty())
                c.comm.assign(comm);
        }
}

void LttngKernelTaskState::fillFromCpu(RawEvent& event) const
{
    if (event.cpu < 0 || static_cast<std::size_t>(event.cpu) >= cpus_.size())
        return;
    const Current& c = cpus_[static_cast<std::size_t>(event.cpu)];
    if (event.tid < 0)
        event.tid = c.tid;
    if (event.pid < 0)
        event.pid = c.pid;
    if (event.comm.empty())
        event.comm = c.comm;
}

void LttngKernelTaskState::apply(Kind kind, RawEvent& event)
{
    switch (kind) {
    case Kind::Other:
        break;
    case Kind::SchedSwitch: {
        // The switch runs in prev's context: name it even on a CPU's first switch.
        const std::int32_t prevTid = numberOr(event, "prev_tid", -1);
        if (event.tid < 0 && prevTid >= 0) {
            event.tid = prevTid;
            event.pid = pidOf(prevTid);
            event.comm = event.text("prev_comm");
        }
        sawSchedSwitch_ = true;
        if (Current* c = cpu(event.cpu)) {
            c->tid = numberOr(event, "next_tid", -1);
            c->pid = pidOf(c->tid);
            c->comm.assign(event.text("next_comm"));
        }
        return; // already filled
    }
    case Kind::StatedumpProcessState:
        learn(numberOr(event, "tid", -1), numberOr(event, "pid", -1), event.text("name"));
        break;
    case Kind::SchedProcessFork:
        learn(numberOr(event, "child_tid", -1), numberOr(event, "child_pid", -1), event.text("child_comm"));
        break;
    case Kind::SchedProcessExec: {
        std::string_view file = event.text("filename");
        if (auto slash = file.rfind('/'); slash != std::string_view::npos)
            file.remove_prefix(slash + 1);
        const std::int32_t tid = numberOr(event, "tid", -1);
        // The kernel sets the new comm before the tracepoint fires.
        learn(tid, -1, file.substr(0, kTaskCommLen));
        break;
    }
    }
    fillFromCpu(event);
}

} // namespace aioscope::trace
