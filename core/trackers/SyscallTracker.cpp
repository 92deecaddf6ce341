#include "trackers/SyscallTracker.h"

#include "trackers/EventFields.h"
#include "trackers/TrackerContext.h"

namespace aioscope::trackers {

namespace {
IoOp opOfCall(std::string_view call) {
    if (call == "pread64" || call == "preadv" || call == "preadv2")
        return IoOp::Read;
    if (call == "pwrite64" || call == "pwritev" || call == "pwritev2")
        return IoOp::Write;
    if (call == "fsync" || call == "fdatasync")
        return IoOp::Fsync;
    return IoOp::Unknown;
}

std::string_view callOf(std::string_view name, bool* enter) {
    if (name.starts_with("sys_enter_")) {
        *enter = true;
        return name.substr(10);
    }
    if (name.starts_with("sys_exit_")) {
        *enter = false;
        return name.substr(9);
    }
    return {};
}
} // namespace

bool SyscallTracker::wants(std::string_view, std::string_view name) const {
    bool enter = false;
    return opOfCall(callOf(name, &enter)) != IoOp::Unknown;
}

void SyscallTracker::onEvent(const trace::RawEvent& e, TrackerContext& ctx) {
    bool enter = false;
    const IoOp op = opOfCall(callOf(e.name, &enter));
    const TaskId task = ctx.taskOf(e);
    if (task == kNoTask)
        return;
    if (enter) {
        Open o;
        o.enter = e.ts;
        o.op = op;
        o.fd = static_cast<std::int32_t>(numberOf(e, {"fd"}).value_or(-1));
        o.offset = static_cast<std::uint64_t>(numberOf(e, {"pos", "pos_l", "offset"}).value_or(0));
        o.length = static_cast<std::uint64_t>(numberOf(e, {"count", "vlen"}).value_or(0));
        o.event = ctx.event();
        open_[task] = o;
        return;
    }
    auto it = open_.find(task);
    if (it == open_.end() || it->second.op != op)
        return; // the call began before the trace did
    const Open o = it->second;
    open_.erase(it);
    Run& run = ctx.run();
    Request r;
    r.design = run.strings.intern("sync");
    r.source = RequestSource::SyncSyscall;
    r.op = o.op;
    r.fd = o.fd;
    r.offset = o.offset;
    r.length = o.length;
    r.result = numberOf(e, {"ret"}).value_or(0);
    r.submitter = task;
    r.submitNs = o.enter;
    r.submitEndNs = e.ts;
    r.completeNs = e.ts;
    r.completionObserver = task;
    const RequestId id = run.addRequest(r);
    run.addSegment(id, task, o.enter, e.ts);
    ctx.linkEvent(id, o.event);
    ctx.linkEvent(id);
}

} // namespace aioscope::trackers
