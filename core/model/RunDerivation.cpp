#include "model/RunDerivation.h"

#include "model/TaskActivity.h"

#include "model/ContextValueText.h"
#include "model/Run.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <numeric>
#include <optional>
#include <span>
#include <unordered_map>

namespace aioscope {

namespace {

using A = ContextAttribute;

constexpr std::size_t kAttributeCount = static_cast<std::size_t>(A::Count);

int rank(CheckVerdict v) {
    switch (v) {
    case CheckVerdict::Leak: return 3;
    case CheckVerdict::Carried: return 2;
    case CheckVerdict::Unknown: break;
    }
    return 1;
}

bool kernelThreadName(std::string_view comm, std::int32_t tid) {
    return comm.starts_with("kworker/") || comm.starts_with("iou-wrk-") || comm.starts_with("iou-sqp-") || tid <= 0;
}

// Facts sorted by (task, attribute, time): "the value of task T at time t".
class FactIndex {
public:
    explicit FactIndex(const SpillVector<ContextFact>& facts) : facts_(facts), order_(facts.size()) {
        std::iota(order_.begin(), order_.end(), 0u);
        std::sort(order_.begin(), order_.end(), [&](std::uint32_t a, std::uint32_t b) {
            const ContextFact& x = facts_[a];
            const ContextFact& y = facts_[b];
            if (x.task != y.task)
                return x.task < y.task;
            if (x.attribute != y.attribute)
                return x.attribute < y.attribute;
            return x.timeNs < y.timeNs;
        });
        for (const ContextFact& f : facts)
            present_[static_cast<std::size_t>(f.attribute)] = true;
    }

    const ContextFact& at(std::uint32_t i) const { return facts_[i]; }
    bool has(A a) const { return present_[static_cast<std::size_t>(a)]; }

    std::span<const std::uint32_t> of(TaskId task, A a) const {
        auto lo = std::lower_bound(order_.begin(), order_.end(), std::pair(task, a), [&](std::uint32_t i, auto key) {
            const ContextFact& f = facts_[i];
            return f.task != key.first ? f.task < key.first : f.attribute < key.second;
        });
        auto hi = lo;
        while (hi != order_.end() && facts_[*hi].task == task && facts_[*hi].attribute == a)
            ++hi;
        return {order_.data() + (lo - order_.begin()), static_cast<std::size_t>(hi - lo)};
    }

    // The fact in effect at t: the last one at or before t, else (when
    // `orAfter`) the first observation after it, unless a Set comes first
    // (the value before a change is not the value after it). Only facts of
    // the given kinds count.
    const ContextFact* valueAt(TaskId task, A a, TimeNs t, std::initializer_list<FactKind> kinds, bool orAfter) const {
        const auto span = of(task, a);
        auto wanted = [&](const ContextFact& f) {
            return std::find(kinds.begin(), kinds.end(), f.kind) != kinds.end();
        };
        const std::size_t pos = upper(span, t);
        for (std::size_t i = pos; i-- > 0;)
            if (wanted(facts_[span[i]]))
                return &facts_[span[i]];
        if (orAfter)
            for (std::size_t i = pos; i < span.size(); ++i) {
                if (facts_[span[i]].kind == FactKind::Set)
                    return nullptr;
                if (wanted(facts_[span[i]]))
                    return &facts_[span[i]];
            }
        return nullptr;
    }

    // The facts that describe a task during [from, to]: the one in effect at
    // `from` (when `inEffect`) and every one inside the span.
    std::vector<const ContextFact*> during(TaskId task, A a, TimeNs from, TimeNs to,
                                           std::initializer_list<FactKind> kinds, bool inEffect) const {
        auto wanted = [&](const ContextFact& f) {
            return std::find(kinds.begin(), kinds.end(), f.kind) != kinds.end();
        };
        std::vector<const ContextFact*> out;
        const auto span = of(task, a);
        const std::size_t lo = from == kNoTime ? 0 : upper(span, from - 1);
        if (inEffect)
            for (std::size_t i = lo; i-- > 0;)
                if (wanted(facts_[span[i]])) {
                    out.push_back(&facts_[span[i]]);
                    break;
                }
        for (std::size_t i = lo; i < span.size() && facts_[span[i]].timeNs <= to; ++i)
            if (wanted(facts_[span[i]]))
                out.push_back(&facts_[span[i]]);
        return out;
    }

private:
    // Index in `span` of the first fact later than t.
    std::size_t upper(std::span<const std::uint32_t> span, TimeNs t) const {
        return static_cast<std::size_t>(
            std::upper_bound(span.begin(), span.end(), t,
                             [&](TimeNs v, std::uint32_t i) { return v < facts_[i].timeNs; }) -
            span.begin());
    }

    const SpillVector<ContextFact>& facts_;
    SpillVector<std::uint32_t> order_;
    std::array<bool, kAttributeCount> present_{};
};

// One check per (request, attribute): a leak outranks carried, carried outranks unknown.
class CheckCollector {
public:
    void offer(const ContextCheck& c) {
        const std::uint64_t key =
            static_cast<std::uint64_t>(c.request) * kAttributeCount + static_cast<std::uint64_t>(c.attribute);
        auto [it, fresh] = slot_.try_emplace(key, checks_.size());
        if (fresh)
            checks_.push_back(c);
        else if (rank(c.verdict) > rank(checks_[it->second].verdict))
            checks_[it->second] = c;
    }
    SpillVector<ContextCheck> take() { return std::move(checks_); }

private:
    std::unordered_map<std::uint64_t, std::size_t> slot_;
    SpillVector<ContextCheck> checks_;
};

std::string timeText(TimeNs t) {
    if (t == kNoTime)
        return "?";
    char b[48];
    std::snprintf(b, sizeof b, "%lld.%06lld s", static_cast<long long>(t / 1000000000),
                  static_cast<long long>((t % 1000000000) / 1000));
    return b;
}

} // namespace

void RunDerivation::derive(Run& run) {
    deriveFlags(run);
    deriveRoles(run);
    deriveVerdicts(run);
    deriveUnknownReasons(run);
}

void RunDerivation::deriveLoaded(Run& run) {
    // The stored flags and roles are what derive() made; only a v1 session's
    // "tid" checks go, and with them a leak flag no real leak backs.
    std::erase_if(run.checks, [](const ContextCheck& c) { return c.attribute == A::RetiredTid; });
    std::vector<bool> leaks(run.requests.size());
    for (const ContextCheck& c : run.checks)
        if (c.verdict == CheckVerdict::Leak && c.request < leaks.size())
            leaks[c.request] = true;
    for (RequestId id = 0; id < run.requests.size(); ++id)
        if (!leaks[id] && (run.requests.flags()[id] & kRequestLeak))
            run.requests.setFlags(id, run.requests.flags()[id] & ~static_cast<std::uint32_t>(kRequestLeak));
    deriveServed(run);
}

void RunDerivation::deriveFlags(Run& run) {
    const auto submitters = run.requests.submitter();
    const auto first = run.requests.firstSegment();
    const auto count = run.requests.segmentCount();
    const auto complete = run.requests.completeNs();
    const auto result = run.requests.result();
    const auto source = run.requests.source();
    for (RequestId id = 0; id < run.requests.size(); ++id) {
        std::uint32_t flags = run.requests.flags()[id] & kRequestVerifyMismatch;
        bool seen = false;
        for (std::uint32_t s = first[id]; s < first[id] + count[id] && s < run.segments.size(); ++s) {
            seen |= run.segments[s].task != kNoTask;
            if (run.segments[s].task != kNoTask && run.segments[s].task != submitters[id])
                flags |= kRequestHandOff;
        }
        if (complete[id] == kNoTime)
            flags |= kRequestIncomplete;
        else if (result[id] < 0)
            flags |= kRequestError;
        // Block requests run on the device, not on a task.
        if (!seen && complete[id] != kNoTime && source[id] != RequestSource::Block)
            flags |= kRequestExecutorUnknown;
        run.requests.setFlags(id, flags);
    }
}

void RunDerivation::deriveServed(Run& run) {
    const std::size_t n = run.tasks.size();
    const auto submitters = run.requests.submitter();
    std::vector<std::map<TaskId, std::size_t>> served(n);
    for (const ExecSegment& s : run.segments)
        if (s.task < n && s.request < run.requests.size() && s.task != submitters[s.request] &&
            submitters[s.request] < n)
            ++served[s.task][submitters[s.request]];
    for (TaskId t = 0; t < n; ++t) {
        Task& task = run.tasks[t];
        task.served = task.role != TaskRole::Worker || served[t].empty()
                          ? kNoTask
                          : std::max_element(served[t].begin(), served[t].end(), [](const auto& a, const auto& b) {
                                return a.second < b.second;
                            })->first;
        // A kernel thread a submitter created for its I/O (its ring's SQPOLL
        // thread, which issues the requests the trace credits to the ring's
        // owner; an io-wq worker that ran none of them yet) serves its creator.
        if (task.served == kNoTask && task.role == TaskRole::KernelThread && task.parent < n &&
            run.tasks[task.parent].role == TaskRole::Submitter)
            task.served = task.parent;
    }
}

void RunDerivation::deriveRoles(Run& run) {
    const std::size_t n = run.tasks.size();
    const std::vector<TaskActivity> activity = TaskActivity::ofRun(run);
    for (TaskId t = 0; t < n; ++t) {
        Task& task = run.tasks[t];
        // A thread that mostly ran others' requests is a worker even if the
        // source credits it with a few submissions of its own (io-wq re-issues).
        if (activity[t].ranForOthers > 0 && activity[t].ranForOthers >= activity[t].submitted)
            task.role = TaskRole::Worker;
        else if (activity[t].submitted > 0 || task.role == TaskRole::Submitter)
            task.role = TaskRole::Submitter; // or created to submit (the engine's threads), even if idle
        else
            task.role =
                kernelThreadName(run.strings.view(task.comm), task.tid) ? TaskRole::KernelThread : TaskRole::Unknown;
    }
    deriveServed(run);
}

void RunDerivation::deriveVerdicts(Run& run) {
    const std::size_t n = run.requests.size();
    const auto submitters = run.requests.submitter();
    const auto submitNs = run.requests.submitNs();
    const auto flags = run.requests.flags();
    const FactIndex facts(run.facts);
    CheckCollector out;
    auto intern = [&](const std::string& s) { return run.strings.intern(s); };

    const StringId snapshotExecutor = intern("engine snapshot of the executor at execution start");
    const StringId snapshotSubmitter = intern("engine snapshot of the submitter at submit");

    for (RequestId id = 0; id < n; ++id) {
        if (!(flags[id] & kRequestHandOff))
            continue;
        const TaskId submitter = submitters[id];
        const Request r = run.requests.get(id);
        const auto segments = run.segmentsOf(id);

        // The engine's own evidence: both identities, snapshotted.
        if (r.submitterSnapshot < run.snapshots.size() && r.executorSnapshot < run.snapshots.size()) {
            const ContextSnapshot& sub = run.snapshots[r.submitterSnapshot];
            const ContextSnapshot& exe = run.snapshots[r.executorSnapshot];
            TaskId executor = kNoTask;
            TimeNs start = kNoTime;
            for (const ExecSegment& s : segments)
                if (s.task != submitter && s.task != kNoTask) {
                    executor = s.task;
                    start = s.startNs;
                    break;
                }
            for (A a : verdictAttributes()) {
                auto sv = ContextValueText::ofSnapshot(a, sub, run.strings);
                auto ev = ContextValueText::ofSnapshot(a, exe, run.strings);
                if (!sv || !ev)
                    continue;
                ContextCheck c;
                c.request = id;
                c.attribute = a;
                c.verdict = *sv == *ev ? CheckVerdict::Carried : CheckVerdict::Leak;
                c.executor = executor;
                c.timeNs = exe.takenNs != kNoTime ? exe.takenNs : start;
                c.executorValue = intern(*ev);
                c.submitterValue = intern(*sv);
                c.evidence = snapshotExecutor;
                c.submitterTimeNs = sub.takenNs;
                c.submitterEvidence = snapshotSubmitter;
                out.offer(c);
            }
        }

        if (run.facts.empty())
            continue;
        for (const ExecSegment& seg : segments) {
            if (seg.task == submitter || seg.task == kNoTask)
                continue;
            auto compare = [&](A a, const ContextFact& exe, const ContextFact* sub, const std::string& missing) {
                ContextCheck c;
                c.request = id;
                c.attribute = a;
                c.executor = seg.task;
                c.timeNs = exe.timeNs;
                c.executorValue = intern(ContextValueText::ofFact(a, exe.value));
                c.evidence = exe.evidence;
                if (sub) {
                    c.verdict = sub->value == exe.value ? CheckVerdict::Carried : CheckVerdict::Leak;
                    c.submitterValue = intern(ContextValueText::ofFact(a, sub->value));
                    c.submitterTimeNs = sub->timeNs;
                    c.submitterEvidence = sub->evidence;
                } else {
                    c.verdict = CheckVerdict::Unknown;
                    c.submitterEvidence = intern(missing);
                }
                out.offer(c);
            };
            // CPU priority: what the executor ran with during the segment.
            for (const ContextFact* exe :
                 facts.during(seg.task, A::CpuPriority, seg.startNs, seg.endNs, {FactKind::Value, FactKind::Set}, true))
                compare(A::CpuPriority, *exe,
                        facts.valueAt(submitter, A::CpuPriority, r.submitNs, {FactKind::Value, FactKind::Set}, true),
                        "the submitter's priority is not in the trace (no sched_switch or setpriority of it)");
            // I/O priority and credentials: what the kernel consulted while the executor ran it.
            for (A a : {A::Ioprio, A::Credentials}) {
                for (const ContextFact* exe :
                     facts.during(seg.task, a, seg.startNs, seg.endNs, {FactKind::Consulted}, false))
                    compare(a, *exe,
                            facts.valueAt(submitter, a, r.submitNs,
                                          {FactKind::Value, FactKind::Set, FactKind::Consulted}, true),
                            a == A::Ioprio ? "the submitter's I/O priority is not in the trace (no block request or "
                                             "ioprio_set of it)"
                                           : "the submitter's credentials are not in the trace (no cap_capable in it)");
            }
            // CPU affinity: only a CPU outside the submitter's mask shows anything.
            if (const ContextFact* set = facts.valueAt(submitter, A::CpuAffinity, r.submitNs, {FactKind::Set}, false)) {
                std::uint64_t mask = set->value;
                if (mask == 0)
                    for (const ContextFact* ran :
                         facts.during(submitter, A::CpuAffinity, set->timeNs, r.submitNs, {FactKind::RanOn}, false))
                        mask |= ran->value < 64 ? 1ull << ran->value : 0;
                for (const ContextFact* ran :
                     facts.during(seg.task, A::CpuAffinity, seg.startNs, seg.endNs, {FactKind::RanOn}, true)) {
                    if (mask == 0 || ran->value >= 64)
                        continue;
                    ContextCheck c;
                    c.request = id;
                    c.attribute = A::CpuAffinity;
                    c.executor = seg.task;
                    c.timeNs = ran->timeNs;
                    c.executorValue = intern("ran on CPU " + std::to_string(ran->value));
                    c.evidence = ran->evidence;
                    c.submitterValue = intern(ContextValueText::cpuList(mask));
                    c.submitterTimeNs = set->timeNs;
                    c.submitterEvidence = set->value ? set->evidence
                                                     : intern(std::string(run.strings.view(set->evidence)) +
                                                              "; mask = the CPUs the submitter ran on after it");
                    const bool inside = (mask >> ran->value) & 1;
                    c.verdict = inside ? CheckVerdict::Unknown : CheckVerdict::Leak;
                    if (inside)
                        c.evidence = intern("ran on CPU " + std::to_string(ran->value) +
                                            ", inside the submitter's mask: the executor's own mask is not in "
                                            "the trace");
                    out.offer(c);
                }
            }
        }
    }

    // SIGXFSZ goes to `current`: the thread that received it is the executor.
    if (facts.has(A::Sigxfsz)) {
        SpillVector<std::uint32_t> byTask(run.segments.size());
        std::iota(byTask.begin(), byTask.end(), 0u);
        std::sort(byTask.begin(), byTask.end(), [&](std::uint32_t a, std::uint32_t b) {
            const ExecSegment& x = run.segments[a];
            const ExecSegment& y = run.segments[b];
            return x.task != y.task ? x.task < y.task : x.startNs < y.startNs;
        });
        for (const ContextFact& f : run.facts) {
            if (f.attribute != A::Sigxfsz)
                continue;
            auto lo = std::lower_bound(byTask.begin(), byTask.end(), f.task,
                                       [&](std::uint32_t i, TaskId t) { return run.segments[i].task < t; });
            const ExecSegment* hit = nullptr;
            for (auto it = lo; it != byTask.end() && run.segments[*it].task == f.task; ++it) {
                const ExecSegment& s = run.segments[*it];
                if (s.startNs > f.timeNs)
                    break;
                if (f.timeNs <= s.endNs)
                    hit = &s;
            }
            if (!hit || hit->request >= n)
                continue; // not running a request: nothing to link it to
            const TaskId submitter = submitters[hit->request];
            ContextCheck c;
            c.request = hit->request;
            c.attribute = A::Sigxfsz;
            c.verdict = f.task == submitter ? CheckVerdict::Carried : CheckVerdict::Leak;
            c.executor = f.task;
            c.timeNs = f.timeNs;
            c.executorValue = intern("SIGXFSZ to " + run.describeTask(f.task));
            c.submitterValue = intern("SIGXFSZ to " + run.describeTask(submitter));
            c.evidence = f.evidence;
            c.submitterTimeNs = submitNs[hit->request];
            c.submitterEvidence =
                intern("a thread-directed signal belongs to the submitter, " + run.describeTask(submitter) +
                       ", which submitted at " + timeText(submitNs[hit->request]));
            out.offer(c);
        }
    }

    run.checks = out.take();
    std::sort(run.checks.begin(), run.checks.end(), [](const ContextCheck& a, const ContextCheck& b) {
        return a.request != b.request ? a.request < b.request : a.attribute < b.attribute;
    });
    for (const ContextCheck& c : run.checks)
        if (c.verdict == CheckVerdict::Leak && c.request < n)
            run.requests.setFlags(c.request, run.requests.flags()[c.request] | kRequestLeak);
}

void RunDerivation::deriveUnknownReasons(Run& run) {
    for (auto it = run.metadata.begin(); it != run.metadata.end();)
        it = it->first.starts_with("unknown_reason.") ? run.metadata.erase(it) : std::next(it);
    const auto flags = run.requests.flags();
    std::size_t handOffs = 0, unseen = 0;
    for (auto f : flags) {
        handOffs += (f & kRequestHandOff) ? 1 : 0;
        unseen += (f & kRequestExecutorUnknown) ? 1 : 0;
    }
    if (unseen) {
        std::string why;
        if (run.kind == RunKind::TraceImport)
            why = "the trace shows these requests submitted and completed but no task running them (the events "
                  "that show an executor, such as io_uring_queue_async_work, sched_switch or the syscall itself, "
                  "are missing)";
        else if (run.metadata.count("kernel_trace"))
            why = "the kernel trace recorded with the run named no task that ran these requests";
        else
            why = "the engine sees only the threads it made itself, and no kernel trace was recorded with the run "
                  "to show the kernel's or glibc's threads (root and tracefs record one)";
        run.metadata["unknown_reason.executor"] = why;
    }
    if (handOffs == 0)
        return;
    std::array<std::size_t, kAttributeCount> decided{};
    std::array<bool, kAttributeCount> fromSnapshot{};
    for (const ContextCheck& c : run.checks) {
        if (c.request >= flags.size() || !(flags[c.request] & kRequestHandOff) || c.verdict == CheckVerdict::Unknown)
            continue;
        const auto a = static_cast<std::size_t>(c.attribute);
        ++decided[a];
        if (c.evidence != kEmptyString && run.strings.view(c.evidence).starts_with("engine snapshot"))
            fromSnapshot[a] = true;
    }
    std::array<bool, kAttributeCount> hasFacts{};
    for (const ContextFact& f : run.facts)
        hasFacts[static_cast<std::size_t>(f.attribute)] = true;
    const bool engine = run.kind != RunKind::TraceImport;
    for (A a : verdictAttributes()) {
        const auto i = static_cast<std::size_t>(a);
        if (decided[i] >= handOffs)
            continue;
        std::string why;
        if (fromSnapshot[i])
            why = "the engine has no snapshot of the executor for these requests (a kernel thread ran them)";
        else if (engine && run.facts.empty())
            why = "the kernel ran these requests on its own threads, which the engine cannot snapshot; record a "
                  "kernel trace with the run (root, tracefs) or see the probes";
        else {
            switch (a) {
            case A::CpuPriority:
                why = hasFacts[i] ? "the executor's or the submitter's priority was not seen around the request"
                                  : "no sched_switch events (sched:sched_switch shows each thread's priority)";
                break;
            case A::Ioprio:
                why = hasFacts[i] ? "no block request was inserted by the executor while it ran the request "
                                    "(buffered writes reach the block layer later, through writeback)"
                                  : "no block_rq_insert events (block:block_rq_insert shows a request's ioprio)";
                break;
            case A::Credentials:
                why = hasFacts[i] ? "the executor made no capability check while it ran the request"
                                  : "no cap_capable events (capability:cap_capable shows the cred a check used)";
                break;
            case A::Sigxfsz:
                why = "no SIGXFSZ was raised while it ran (only a write past RLIMIT_FSIZE raises one)";
                break;
            case A::CpuAffinity:
                why = hasFacts[i] ? "the submitter's CPU mask is not known, or the executor ran only inside it"
                                  : "the submitter set no CPU mask in the trace (no sched_setaffinity)";
                break;
            default:
                why = "no kernel event shows a thread's " + std::string(contextAttributeName(a)) +
                      "; the probes (aioscope probe) measure it";
                break;
            }
        }
        run.metadata["unknown_reason." + std::string(contextAttributeName(a))] = why;
    }
}

} // namespace aioscope
