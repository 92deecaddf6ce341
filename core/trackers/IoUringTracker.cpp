#include "trackers/IoUringTracker.h"

#include "trackers/EventFields.h"
#include "trackers/IoUringOpcodes.h"
#include "trackers/TrackerContext.h"

#include <algorithm>

namespace aioscope::trackers {

namespace {
bool startsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// "iou-sqp-1234" / "iou-wrk-1234" -> 1234
std::int32_t pidFromIoThreadName(std::string_view comm) {
    if (comm.size() <= 8)
        return -1;
    std::int32_t v = 0;
    for (char c : comm.substr(8)) {
        if (c < '0' || c > '9')
            return -1;
        v = v * 10 + (c - '0');
    }
    return v;
}
// io-wq workers are named after the thread that owns the ring ("iou-wrk-" +
// its tid), which is not the process id when a thread other than the main one
// submits; their own pid is known only when the trace saw them created (a
// worker made before the trace started is not).
// 2: the submitter's own worker; 1: a worker of its process; 0: neither.
int ownershipOf(const Run& run, TaskId submitter, const Task& worker) {
    const std::int32_t tid = submitter < run.tasks.size() ? run.tasks[submitter].tid : -1;
    const std::int32_t pid = submitter < run.tasks.size() && run.tasks[submitter].pid > 0 ? run.tasks[submitter].pid : tid;
    const std::int32_t owner = pidFromIoThreadName(run.strings.view(worker.comm));
    if (owner == tid)
        return 2;
    return owner == pid || (worker.pid > 0 && worker.pid == pid) ? 1 : 0;
}
} // namespace

bool IoUringTracker::wants(std::string_view, std::string_view name) const {
    return name == "io_uring_submit_req" || name == "io_uring_submit_sqe" || name == "io_uring_queue_async_work" ||
           name == "io_uring_complete" || name == "io_uring_create" || name == "sched_switch" || name == "task_rename" ||
           name == "task_newtask";
}

void IoUringTracker::onEvent(const trace::RawEvent& e, TrackerContext& ctx) {
    if (e.name == "sched_switch")
        onSwitch(e, ctx);
    else if (e.name == "task_rename") {
        renamed_ = true; // a new io-wq worker gets its iou-wrk-PID name this way
        // An SQPOLL thread is CLONE_IO too, but never a worker: stop keeping its switches.
        if (startsWith(textOf(e, {"newcomm"}), "iou-sqp-"))
            if (const TaskId t = ctx.taskOf(e); t < ioThread_.size())
                ioThread_[t] = false;
        if (!unplaced_.empty())
            place(ctx, false);
    } else if (e.name == "task_newtask")
        onNewTask(e, ctx);
    else if (e.name == "io_uring_submit_req" || e.name == "io_uring_submit_sqe")
        onSubmit(e, ctx);
    else if (e.name == "io_uring_queue_async_work")
        onQueue(e, ctx);
    else if (e.name == "io_uring_complete")
        onComplete(e, ctx);
    else if (e.name == "io_uring_create") {
        if (auto ring = keyOf(e, {"ctx", "ring"}))
            ringOwner_[*ring] = ctx.taskOf(e);
    }
}

void IoUringTracker::onSwitch(const trace::RawEvent& e, TrackerContext& ctx) {
    // Every task's last switch in/out: a worker may still carry its parent's
    // name ("fio") when it first runs, before task_rename.
    auto note = [&](std::initializer_list<std::string_view> pidKey, std::initializer_list<std::string_view> commKey,
                    bool in) {
        auto tid = numberOf(e, pidKey);
        if (!tid || *tid <= 0)
            return;
        const TaskId t = ctx.taskByTid(static_cast<std::int32_t>(*tid), textOf(e, commKey), e.ts);
        if (runs_.size() <= t)
            runs_.resize(t + 1);
        (in ? runs_[t].lastIn : runs_[t].lastOut) = e.ts;
        runs_[t].running = in;
        const bool named = startsWith(textOf(e, commKey), "iou-wrk-");
        if (named && (t >= isWorker_.size() || !isWorker_[t]))
            renamed_ = true; // named so by this switch, not by a task_rename the tracker saw
        if (named || (t < ioThread_.size() && ioThread_[t])) {
            auto& sw = runs_[t].switches;
            auto& ev = runs_[t].switchEvents;
            if (sw.size() >= 8192 && pending_.empty() && unplaced_.empty()) {
                sw.clear(); // no open request can reach back past now
                ev.clear();
            }
            sw.push_back(in ? e.ts : -e.ts - 1);
            ev.push_back(ctx.event());
        }
    };
    note({"prev_pid"}, {"prev_comm"}, false);
    note({"next_pid"}, {"next_comm"}, true);
}

void IoUringTracker::onNewTask(const trace::RawEvent& e, TrackerContext& ctx) {
    // An io thread (CLONE_IO) runs, with its creator's name, before it renames
    // itself iou-wrk-PID: its switches from the start tell when it ran.
    constexpr std::int64_t kCloneIo = 0x80000000;
    auto child = numberOf(e, {"pid"});
    if (!child || !(numberOf(e, {"clone_flags"}).value_or(0) & kCloneIo))
        return;
    const TaskId t = ctx.findTask(static_cast<std::int32_t>(*child));
    if (t == kNoTask)
        return;
    if (ioThread_.size() <= t)
        ioThread_.resize(t + 1, false);
    ioThread_[t] = true;
}

void IoUringTracker::refreshWorkers(const Run& run) {
    if (!renamed_ && tasksScanned_ == run.tasks.size())
        return;
    ioWorkers_.clear();
    isWorker_.assign(run.tasks.size(), false);
    for (TaskId t = 0; t < run.tasks.size(); ++t)
        if (startsWith(run.strings.view(run.tasks[t].comm), "iou-wrk-")) {
            ioWorkers_.push_back(t);
            isWorker_[t] = true;
        }
    tasksScanned_ = run.tasks.size();
    renamed_ = false;
}

IoUringTracker::Pending* IoUringTracker::find(std::uint64_t req, std::uint64_t userData) {
    auto it = byReq_.find(req);
    if (it != byReq_.end())
        return &pending_[it->second];
    for (auto& p : pending_) // user_data when the req pointer was not printed alike
        if (p.userData == userData)
            return &p;
    return nullptr;
}

void IoUringTracker::forget(const Pending& p) {
    auto it = byReq_.find(p.req);
    if (it == byReq_.end())
        return;
    const std::size_t index = it->second;
    byReq_.erase(it);
    if (index + 1 != pending_.size()) {
        pending_[index] = pending_.back();
        byReq_[pending_[index].req] = index;
    }
    pending_.pop_back();
}

void IoUringTracker::onSubmit(const trace::RawEvent& e, TrackerContext& ctx) {
    Run& run = ctx.run();
    const TaskId issuer = ctx.taskOf(e);
    const std::string_view issuerComm = issuer == kNoTask ? std::string_view{} : run.strings.view(run.tasks[issuer].comm);
    const std::uint64_t req = keyOf(e, {"req", "request"}).value_or(0);
    const std::uint64_t userData = static_cast<std::uint64_t>(numberOf(e, {"user_data"}).value_or(0));
    const std::uint64_t ring = keyOf(e, {"ctx", "ring"}).value_or(0);
    const bool sqThread = numberOf(e, {"sq_thread"}).value_or(0) != 0 || startsWith(issuerComm, "iou-sqp-");

    TaskId submitter = issuer;
    if (sqThread) {
        if (auto it = ringOwner_.find(ring); it != ringOwner_.end())
            submitter = it->second;
        else if (std::int32_t owner = pidFromIoThreadName(issuerComm); owner > 0)
            submitter = ctx.taskByTid(owner, {}, kNoTime);
    }
    if (Pending* stale = find(req, userData); stale && stale->req == req)
        forget(*stale); // the req pointer was reused: the old one never completed in this trace

    Request r;
    r.design = run.strings.intern(sqThread ? "io_uring-sqpoll" : "io_uring");
    r.source = RequestSource::IoUring;
    r.op = ioOpFromIoUring(textOf(e, {"op_str", "opcode"}), numberOf(e, {"opcode"}));
    r.userData = userData;
    r.submitter = submitter;
    r.submitNs = e.ts;
    r.submitEndNs = e.ts;
    const RequestId id = run.addRequest(r);
    ctx.linkEvent(id);
    byReq_[req] = pending_.size();
    pending_.push_back({id, issuer, req, userData, ring, false});
}

void IoUringTracker::onQueue(const trace::RawEvent& e, TrackerContext& ctx) {
    const std::uint64_t req = keyOf(e, {"req", "request"}).value_or(0);
    const std::uint64_t userData = static_cast<std::uint64_t>(numberOf(e, {"user_data"}).value_or(0));
    Pending* p = find(req, userData);
    if (!p)
        return;
    p->punted = true;
    ctx.linkEvent(p->id);
    Request r = ctx.run().requests.get(p->id);
    r.queuedNs = e.ts;
    ctx.run().requests.set(p->id, r);
}

bool IoUringTracker::findRun(TaskId worker, TimeNs from, TimeNs to, TimeNs* start, std::size_t* at) const {
    if (worker >= runs_.size())
        return false;
    const auto& sw = runs_[worker].switches;
    auto when = [](TimeNs v) { return v < 0 ? -v - 1 : v; };
    auto it = std::upper_bound(sw.begin(), sw.end(), from, [&](TimeNs t, TimeNs v) { return t < when(v); });
    if (it != sw.begin() && *std::prev(it) >= 0) {
        *start = from; // running when the request was queued
        *at = sw.size();
        return true;
    }
    for (; it != sw.end() && when(*it) <= to; ++it)
        if (*it >= 0) {
            *start = *it;
            *at = static_cast<std::size_t>(it - sw.begin());
            return true;
        }
    return false;
}

TimeNs IoUringTracker::startOn(TaskId worker, TimeNs from, TimeNs to, std::uint64_t* event) const {
    TimeNs start = from;
    std::size_t at = 0;
    if (!findRun(worker, from, to, &start, &at))
        return from;
    if (event && at < runs_[worker].switchEvents.size())
        *event = runs_[worker].switchEvents[at];
    return start;
}

TaskId IoUringTracker::workerFor(TrackerContext& ctx, TaskId submitter, TimeNs from, TimeNs to, TimeNs* start,
                                 std::uint64_t* startEvent) {
    Run& run = ctx.run();
    auto ownership = [&](const Task& t) { return ownershipOf(run, submitter, t); };
    refreshWorkers(run);
    TaskId best = kNoTask;
    TimeNs bestIn = kNoTime;
    int bestOwnership = 0;
    for (TaskId task : ioWorkers_) {
        const int owned = ownership(run.tasks[task]);
        if (owned == 0 || owned < bestOwnership)
            continue;
        const WorkerRun w = task < runs_.size() ? runs_[task] : WorkerRun{};
        const bool ranInside = w.running || (w.lastOut != kNoTime && w.lastOut >= from) ||
                               (w.lastIn != kNoTime && w.lastIn <= to && w.lastIn >= from);
        if (!ranInside || (w.lastIn != kNoTime && w.lastIn > to))
            continue;
        if (best == kNoTask || owned > bestOwnership || w.lastIn > bestIn) {
            best = task;
            bestIn = w.lastIn;
            bestOwnership = owned;
        }
    }
    if (best == kNoTask) {
        // No sched events for the workers: the last iou-wrk thread of the submitter (else of its process) seen so far.
        for (TaskId t : ioWorkers_) {
            const int owned = ownership(run.tasks[t]);
            if (owned > 0 && owned >= bestOwnership && run.tasks[t].firstSeenNs <= to) {
                best = t;
                bestOwnership = owned;
            }
        }
    }
    if (best == kNoTask)
        return kNoTask; // placed at the end of the trace, or when a worker gets its name (place)
    *start = startOn(best, from, to, startEvent);
    return best;
}

void IoUringTracker::onComplete(const trace::RawEvent& e, TrackerContext& ctx) {
    Run& run = ctx.run();
    const std::uint64_t req = keyOf(e, {"req", "request"}).value_or(0);
    const std::uint64_t userData = static_cast<std::uint64_t>(numberOf(e, {"user_data"}).value_or(0));
    Pending* p = find(req, userData);
    if (!p)
        return; // submitted before the trace started
    const TaskId poster = ctx.taskOf(e);
    Request r = run.requests.get(p->id);
    r.completeNs = e.ts;
    r.result = numberOf(e, {"res", "result"}).value_or(0);
    r.completionObserver = poster;
    run.requests.set(p->id, r);
    ctx.linkEvent(p->id);

    const std::string_view posterComm = poster == kNoTask ? std::string_view{} : run.strings.view(run.tasks[poster].comm);
    if (!p->punted) {
        run.addSegment(p->id, p->issuer, r.submitNs, e.ts);
    } else if (startsWith(posterComm, "iou-wrk-")) {
        const TimeNs from = r.queuedNs != kNoTime ? r.queuedNs : r.submitNs;
        std::uint64_t started = TrackerContext::kNoEvent;
        run.addSegment(p->id, poster, startOn(poster, from, e.ts, &started), e.ts);
        ctx.linkEvent(p->id, started); // the switch-in that started it
    } else {
        TimeNs start = kNoTime;
        std::uint64_t started = TrackerContext::kNoEvent;
        const TimeNs from = r.queuedNs != kNoTime ? r.queuedNs : r.submitNs;
        const TaskId worker = workerFor(ctx, r.submitter, from, e.ts, &start, &started);
        if (worker == kNoTask) {
            unplaced_.push_back({p->id, r.submitter, from, e.ts});
        } else {
            run.addSegment(p->id, worker, start, e.ts);
            ctx.linkEvent(p->id, started);
        }
    }
    forget(*p);
}

void IoUringTracker::place(TrackerContext& ctx, bool last) {
    Run& run = ctx.run();
    refreshWorkers(run);
    std::vector<Unplaced> left;
    for (const Unplaced& u : unplaced_) {
        // As workerFor: the submitter's own worker over one of its process;
        // then one that ran between queue and completion; then the first made.
        TaskId best = kNoTask;
        int bestScore = 0;
        for (TaskId t : ioWorkers_) {
            const Task& w = run.tasks[t];
            const int owned = ownershipOf(run, u.submitter, w);
            if (owned == 0 || (w.firstSeenNs != kNoTime && w.firstSeenNs > u.to))
                continue;
            TimeNs start = kNoTime;
            std::size_t at = 0;
            const int score = owned * 2 + (findRun(t, u.from, u.to, &start, &at) ? 1 : 0);
            if (score > bestScore ||
                (score == bestScore && w.firstSeenNs != kNoTime && w.firstSeenNs < run.tasks[best].firstSeenNs)) {
                best = t;
                bestScore = score;
            }
        }
        if (best == kNoTask && !last) {
            left.push_back(u);
            continue;
        }
        std::uint64_t started = TrackerContext::kNoEvent;
        TimeNs start = u.from;
        if (best == kNoTask) {
            const Task* s = u.submitter < run.tasks.size() ? &run.tasks[u.submitter] : nullptr;
            best = placeholderFor(ctx, !s ? -1 : s->pid > 0 ? s->pid : s->tid, u.from, u.to);
        } else {
            start = startOn(best, u.from, u.to, &started);
        }
        run.addSegment(u.request, best, start, u.to);
        ctx.linkEvent(u.request, started);
    }
    unplaced_.swap(left);
}

TaskId IoUringTracker::placeholderFor(TrackerContext& ctx, std::int32_t pid, TimeNs from, TimeNs to) {
    Run& run = ctx.run();
    auto it = placeholder_.find(pid);
    if (it == placeholder_.end()) {
        Task t;
        t.tid = -1;
        t.pid = pid;
        // Punted, but no iou-wrk thread of the process is in the trace: one
        // lane says so instead of inventing a worker.
        t.comm = run.strings.intern("unknown executor (io-wq of pid " + std::to_string(pid) + ")");
        t.firstSeenNs = from;
        t.lastSeenNs = to;
        t.role = TaskRole::KernelThread;
        it = placeholder_.emplace(pid, run.addTask(t)).first;
    }
    Task& t = run.tasks[it->second];
    t.firstSeenNs = std::min(t.firstSeenNs, from);
    t.lastSeenNs = std::max(t.lastSeenNs, to);
    return it->second;
}

void IoUringTracker::finish(TrackerContext& ctx) {
    renamed_ = true; // names learnt from any source count now
    place(ctx, true);
    // Requests still in flight stay incomplete (Run::finalize flags them).
    pending_.clear();
    byReq_.clear();
}

} // namespace aioscope::trackers
