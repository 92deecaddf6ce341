#include "trackers/EngineEventTracker.h"

#include "trackers/TrackerContext.h"

#include <cstdio>
#include <limits>

namespace aioscope::trackers {

namespace {

// Field values the engine writes (engine/ust/EngineTrace.h).
constexpr std::int64_t kRoleSubmitter = 0;
constexpr std::uint32_t kFlagInline = 1;
constexpr std::uint32_t kFlagVerifyMismatch = 2;
constexpr std::int64_t kEngineNoTime = std::numeric_limits<std::int64_t>::min();

std::int64_t num(const trace::RawEvent& e, std::string_view field, std::int64_t fallback = 0)
{
    return e.number(field).value_or(fallback);
}

TimeNs timeField(const trace::RawEvent& e, std::string_view field)
{
    const std::int64_t v = num(e, field, kEngineNoTime);
    return v == kEngineNoTime ? kNoTime : v;
}

ContextSnapshot snapshotOf(const trace::RawEvent& e)
{
    ContextSnapshot s;
    // The tracepoint carries no cwd: never claim it is known.
    s.known = static_cast<std::uint32_t>(num(e, "known")) & ~static_cast<std::uint32_t>(ContextSnapshot::kCwd);
    s.tid = static_cast<std::int32_t>(num(e, "tid"));
    s.pid = static_cast<std::int32_t>(num(e, "pid"));
    s.uid = static_cast<std::uint32_t>(num(e, "uid"));
    s.euid = static_cast<std::uint32_t>(num(e, "euid"));
    s.fsuid = static_cast<std::uint32_t>(num(e, "fsuid"));
    s.gid = static_cast<std::uint32_t>(num(e, "gid"));
    s.fsgid = static_cast<std::uint32_t>(num(e, "fsgid"));
    s.capEffective = static_cast<std::uint64_t>(num(e, "cap_effective"));
    s.ioprio = static_cast<std::int32_t>(num(e, "ioprio"));
    s.nice = static_cast<std::int32_t>(num(e, "nice"));
    s.affinityMask = static_cast<std::uint64_t>(num(e, "affinity"));
    s.cpu = static_cast<std::int32_t>(num(e, "cpu", -1));
    s.rlimitFsize = static_cast<std::uint64_t>(num(e, "rlimit_fsize", -1));
    s.blockedSignals = static_cast<std::uint64_t>(num(e, "blocked_signals"));
    s.takenNs = timeField(e, "ts_ns");
    return s;
}

} // namespace

bool EngineEventTracker::wants(std::string_view system, std::string_view name) const
{
    return system == "aioscope" &&
           (name == "submit" || name == "context" || name == "exec_start" || name == "exec_end" || name == "complete" ||
            name == "run_begin");
}

TimeNs EngineEventTracker::onTrace(TimeNs engineNs) const
{
    return engineNs == kNoTime ? kNoTime : engineNs + offset_.value_or(0);
}

void EngineEventTracker::onEvent(const trace::RawEvent& e, TrackerContext& context)
{
    if (e.name == "run_begin") {
        const std::string design(e.text("design"));
        const std::string workload(e.text("workload"));
        auto& designs = context.run().metadata["designs"];
        if (designs.find(design) == std::string::npos)
            designs += (designs.empty() ? "" : ",") + design;
        if (!workload.empty())
            context.run().metadata["workload"] = workload;
        return;
    }
    const auto seq = static_cast<std::uint64_t>(num(e, "seq"));
    if (context.event() != TrackerContext::kNoEvent)
        pending_[seq].events.push_back(context.event());
    if (e.name == "context") {
        Pending& p = pending_[seq];
        (num(e, "role") == kRoleSubmitter ? p.submitterSnapshot : p.executorSnapshot) = snapshotOf(e);
        return;
    }
    if (e.name == "submit") {
        Pending& p = pending_[seq];
        p.submitted = true;
        p.design = std::string(e.text("design"));
        p.op = static_cast<IoOp>(num(e, "op"));
        p.fd = static_cast<std::int32_t>(num(e, "fd", -1));
        p.offset = static_cast<std::uint64_t>(num(e, "offset"));
        p.length = static_cast<std::uint64_t>(num(e, "length"));
        p.submitterTid = static_cast<std::int32_t>(num(e, "submitter_tid"));
        p.submitNs = timeField(e, "submit_ns");
        p.submitEndNs = timeField(e, "submit_end_ns");
        if (!offset_ && p.submitEndNs != kNoTime)
            offset_ = e.ts - p.submitEndNs;
        if (p.completed) {
            add(seq, p, context); // syslet: the submit record follows the completion
            pending_.erase(seq);
        }
        return;
    }
    if (e.name == "exec_start" || e.name == "exec_end") {
        Pending& p = pending_[seq];
        p.executorTid = static_cast<std::int32_t>(num(e, "executor_tid"));
        (e.name == "exec_start" ? p.startNs : p.endNs) = timeField(e, "ts_ns");
        if (e.name == "exec_end")
            p.result = num(e, "result");
        return;
    }
    if (e.name == "complete") {
        Pending& p = pending_[seq];
        p.completed = true;
        p.result = num(e, "result");
        p.observerTid = static_cast<std::int32_t>(num(e, "observer_tid"));
        p.completeNs = timeField(e, "complete_ns");
        p.executorTid = static_cast<std::int32_t>(num(e, "executor_tid"));
        p.startNs = timeField(e, "exec_start_ns");
        p.endNs = timeField(e, "exec_end_ns");
        p.flags = static_cast<std::uint32_t>(num(e, "flags"));
        if (p.submitted) {
            add(seq, p, context);
            pending_.erase(seq);
        }
    }
}

void EngineEventTracker::add(std::uint64_t seq, const Pending& p, TrackerContext& context)
{
    Run& run = context.run();
    Request r;
    r.design = run.strings.intern(p.design);
    r.op = p.op;
    r.source = RequestSource::Engine;
    r.fd = p.fd;
    r.offset = p.offset;
    r.length = p.length;
    r.result = p.result;
    r.userData = seq;
    r.submitter = context.taskByTid(p.submitterTid);
    r.submitNs = onTrace(p.submitNs);
    r.submitEndNs = onTrace(p.submitEndNs);
    r.completeNs = p.completed ? onTrace(p.completeNs) : kNoTime;
    r.completionObserver = p.observerTid ? context.taskByTid(p.observerTid) : kNoTask;
    const bool userSpaceExecutor = p.executorTid != 0 && p.startNs != kNoTime;
    if (userSpaceExecutor && p.executorTid != p.submitterTid)
        r.queuedNs = r.submitEndNs; // waited in the pool's queue from here
    if (p.flags & kFlagVerifyMismatch)
        r.flags |= kRequestVerifyMismatch;
    auto snapshot = [&](const std::optional<ContextSnapshot>& s) {
        if (!s)
            return kNoSnapshot;
        ContextSnapshot moved = *s;
        moved.takenNs = onTrace(moved.takenNs);
        return run.addSnapshot(moved);
    };
    r.submitterSnapshot = snapshot(p.submitterSnapshot);
    r.executorSnapshot = snapshot(p.executorSnapshot);
    const RequestId id = run.addRequest(r);
    for (std::uint64_t event : p.events)
        context.linkEvent(id, event);

    if (userSpaceExecutor) {
        run.addSegment(id, context.taskByTid(p.executorTid), onTrace(p.startNs), onTrace(p.endNs));
    } else if ((p.flags & kFlagInline) && p.completed) {
        run.addSegment(id, r.submitter, r.submitNs, r.completeNs);
    }
}

void EngineEventTracker::finish(TrackerContext& context)
{
    // Requests still in flight when tracing stopped: incomplete, but real.
    for (auto& [seq, p] : pending_) {
        if (p.submitted)
            add(seq, p, context);
        else
            ++orphans_;
    }
    pending_.clear();
    if (orphans_)
        context.run().warnings.push_back(ImportWarning{
            ImportProblem::EngineEventOrphan, "aioscope:*",
            "engine records of requests whose submit was not traced (tracing started mid-run)", orphans_});
}

} // namespace aioscope::trackers
