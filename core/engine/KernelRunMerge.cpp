#include "engine/KernelRunMerge.h"

#include <algorithm>
#include <limits>
#include <span>
#include <tuple>
#include <unordered_map>

namespace aioscope::engine {

namespace {

struct TaskMap {
    Run& engine;
    const Run& kernel;
    std::unordered_map<std::int32_t, TaskId> byTid;
    std::vector<TaskId> mapped; // kernel task -> engine task

    TaskMap(Run& e, const Run& k) : engine(e), kernel(k), mapped(k.tasks.size(), kNoTask) {
        for (TaskId t = 0; t < e.tasks.size(); ++t)
            if (e.tasks[t].tid > 0)
                byTid.emplace(e.tasks[t].tid, t);
    }
    TaskId operator()(TaskId k) {
        if (k >= kernel.tasks.size())
            return kNoTask;
        if (mapped[k] != kNoTask)
            return mapped[k];
        const Task& kt = kernel.tasks[k];
        if (kt.tid > 0)
            if (auto it = byTid.find(kt.tid); it != byTid.end()) {
                Task& et = engine.tasks[it->second];
                if (et.firstSeenNs == kNoTime || (kt.firstSeenNs != kNoTime && kt.firstSeenNs < et.firstSeenNs))
                    et.firstSeenNs = kt.firstSeenNs;
                et.lastSeenNs = std::max(et.lastSeenNs, kt.lastSeenNs);
                return mapped[k] = it->second;
            }
        Task t = kt;
        t.comm = engine.strings.intern(kernel.strings.view(kt.comm));
        t.parent = kNoTask;
        const TaskId id = engine.addTask(t);
        if (kt.tid > 0)
            byTid.emplace(kt.tid, id);
        mapped[k] = id;
        if (kt.parent != kNoTask)
            engine.tasks[id].parent = (*this)(kt.parent);
        return id;
    }
};

// Engine requests by a key, as one sorted array: built once, then searched
// by binary search (a std::map per key chased a pointer per level, which was
// most of the merge's time on runs of a few hundred thousand requests).
template <typename Key> class RequestIndex {
public:
    void add(const Key& key, RequestId id) { entries_.push_back({key, id}); }
    void seal() { std::sort(entries_.begin(), entries_.end()); }
    // The requests with this key, in id order.
    std::span<const std::pair<Key, RequestId>> equal(const Key& key) const {
        auto lo = std::lower_bound(entries_.begin(), entries_.end(), std::pair{key, RequestId{0}});
        auto hi = lo;
        while (hi != entries_.end() && hi->first == key)
            ++hi;
        return {lo, hi};
    }
    // The requests of the greatest key not after `key`.
    std::span<const std::pair<Key, RequestId>> lastNotAfter(const Key& key) const {
        auto hi = std::upper_bound(entries_.begin(), entries_.end(), std::pair{key, kNoRequest});
        if (hi == entries_.begin())
            return {};
        auto lo = std::prev(hi);
        while (lo != entries_.begin() && std::prev(lo)->first == lo->first)
            --lo;
        return {lo, hi};
    }

private:
    std::vector<std::pair<Key, RequestId>> entries_;
};

bool contains(const Request& r, TimeNs t, TimeNs slack = 0) {
    const TimeNs end = r.completeNs != kNoTime ? r.completeNs : std::numeric_limits<TimeNs>::max();
    return r.submitNs != kNoTime && t + slack >= r.submitNs && t <= end + slack;
}

} // namespace

KernelRunMerge::Stats KernelRunMerge::merge(Run& engine, const Run& kernel, const FileExtents* extents) {
    Stats stats;
    TaskMap taskOf(engine, kernel);
    const std::size_t engineRequests = engine.requests.size();
    stats.requests = engineRequests;

    // Engine requests by what the kernel can name them by.
    std::unordered_map<std::uint64_t, RequestId> bySeq;
    RequestIndex<std::tuple<IoOp, std::int32_t, std::uint64_t>> byFileOffset;
    RequestIndex<std::uint64_t> byOffset;
    RequestIndex<std::pair<TaskId, IoOp>> bySubmitterOp;
    // The io_submit/io_uring_enter that carried each request: its start, as
    // the engine saw it just before the call (RunBuilder's queuedNs).
    RequestIndex<std::pair<TaskId, TimeNs>> bySubmitterFlush;
    std::vector<bool> linked(engineRequests, false);
    std::vector<bool> hasBlock(engineRequests, false);
    std::vector<std::vector<TaskId>> segmentTasks(engineRequests);
    for (const ExecSegment& s : engine.segments)
        if (s.request < engineRequests)
            segmentTasks[s.request].push_back(s.task);
    // How many of a request's segment tasks the engine saw itself; the rest
    // the kernel named during this merge.
    std::vector<std::uint8_t> engineSaw(engineRequests);
    for (RequestId id = 0; id < engineRequests; ++id)
        engineSaw[id] = static_cast<std::uint8_t>(std::min<std::size_t>(segmentTasks[id].size(), 255));
    for (RequestId id = 0; id < engineRequests; ++id) {
        const Request r = engine.requests.get(id);
        if (r.source != RequestSource::Engine)
            continue;
        bySeq.emplace(r.userData, id);
        const std::uint64_t key = r.op == IoOp::Fsync ? 0 : r.offset;
        byFileOffset.add({r.op, r.fd, key}, id);
        byOffset.add(r.offset, id);
        bySubmitterOp.add({r.submitter, r.op}, id);
        if (r.queuedNs != kNoTime)
            bySubmitterFlush.add({r.submitter, r.queuedNs}, id);
    }
    byFileOffset.seal();
    byOffset.seal();
    bySubmitterOp.seal();
    bySubmitterFlush.seal();
    auto addSegment = [&](RequestId id, TaskId task, TimeNs start, TimeNs end) {
        if (task == kNoTask)
            return;
        auto& tasks = segmentTasks[id];
        linked[id] = true;
        if (std::find(tasks.begin(), tasks.end(), task) != tasks.end())
            return; // the engine saw this execution itself (inline, pool worker)
        tasks.push_back(task);
        engine.addSegment(id, task, start, end);
        ++stats.kernelSegments;
    };
    auto segmentsOf = [&](RequestId k) { return kernel.segmentsOf(k); };
    std::vector<std::pair<TimeNs, RequestId>> syscalls; // (call entry, kernel request)

    for (RequestId k = 0; k < kernel.requests.size(); ++k) {
        const Request kr = kernel.requests.get(k);
        switch (kr.source) {
        case RequestSource::IoUring: {
            auto it = bySeq.find(kr.userData);
            if (it == bySeq.end())
                break;
            if (kr.queuedNs != kNoTime) {
                Request er = engine.requests.get(it->second);
                if (er.queuedNs == kNoTime) {
                    er.queuedNs = kr.queuedNs;
                    engine.requests.set(it->second, er);
                }
            }
            for (const ExecSegment& s : segmentsOf(k))
                addSegment(it->second, taskOf(s.task), s.startNs, s.endNs);
            break;
        }
        case RequestSource::SyncSyscall:
            syscalls.push_back({kr.submitNs, k}); // matched below, in the order the calls began
            break;
        case RequestSource::NativeAio: {
            if (kr.op != IoOp::Fsync && kr.op != IoOp::Poll) {
                // One io_submit call: its iocbs were issued in the caller's
                // context (`current` is the submitter), the device doing the
                // rest. The call's batch is the engine's last flush started
                // before the kernel saw the call begin.
                const TaskId submitter = taskOf(kr.submitter);
                const auto batch = bySubmitterFlush.lastNotAfter({submitter, kr.submitNs});
                if (batch.empty() || batch.front().first.first != submitter)
                    break;
                for (const auto& [k_, id] : batch)
                    for (const ExecSegment& s : segmentsOf(k))
                        addSegment(id, taskOf(s.task), s.startNs, s.endNs);
                break;
            }
            const TimeNs queued = kr.queuedNs != kNoTime ? kr.queuedNs : kr.submitNs;
            for (const auto& [k_, id] : bySubmitterOp.equal({taskOf(kr.submitter), kr.op})) {
                if (linked[id] || !contains(engine.requests.get(id), queued))
                    continue;
                for (const ExecSegment& s : segmentsOf(k))
                    addSegment(id, taskOf(s.task), s.startNs, s.endNs);
                break;
            }
            break;
        }
        case RequestSource::Block: {
            if (!extents)
                break;
            const std::uint64_t sector = kr.offset / 512;
            auto fileOffset = extents->offsetOf(sector);
            if (!fileOffset)
                break;
            // Two requests in flight on one block (a random pattern repeats
            // offsets): the one still without its block request takes it.
            RequestId pick = kNoRequest;
            for (const auto& [k_, id] : byOffset.equal(*fileOffset)) {
                if (!contains(engine.requests.get(id), kr.submitNs))
                    continue;
                if (pick == kNoRequest || (hasBlock[pick] && !hasBlock[id]))
                    pick = id;
            }
            if (pick == kNoRequest)
                break;
            const Request er = engine.requests.get(pick);
            Request b = kr;
            b.design = engine.strings.intern(kernel.strings.view(kr.design));
            b.file = er.file;
            b.userData = er.userData;
            b.submitter = taskOf(kr.submitter);
            b.completionObserver = kNoTask;
            b.firstSegment = b.segmentCount = 0;
            b.submitterSnapshot = b.executorSnapshot = kNoSnapshot;
            b.flags = 0;
            engine.addRequest(b);
            hasBlock[pick] = linked[pick] = true;
            ++stats.blockRequests;
            break;
        }
        default: break;
        }
    }
    // A random pattern repeats offsets, so two requests on one block can be
    // in flight at once, each executed by its own thread. A call belongs to
    // the request the engine saw run on the calling task; failing that
    // (glibc's POSIX AIO threads are not the engine's), to one nothing has
    // named an executor for yet, the earliest submitted. Calls are taken as
    // they began, not as they ended (the tracker's order), so a short call
    // on a block cannot take the request of a longer one begun before it.
    // Taking the first request in flight gave a syslet request a spare
    // thread's call: a hand-off the engine never made.
    std::sort(syscalls.begin(), syscalls.end());
    for (const auto& [entry_, k] : syscalls) {
        const Request kr = kernel.requests.get(k);
        const std::uint64_t key = kr.op == IoOp::Fsync ? 0 : kr.offset;
        const TaskId caller = taskOf(kr.submitter);
        RequestId pick = kNoRequest;
        int pickScore = 0;
        for (const auto& [k_, id] : byFileOffset.equal({kr.op, kr.fd, key})) {
            if (!contains(engine.requests.get(id), kr.submitNs))
                continue;
            // A request the engine saw run on another task is not this call's,
            // nor one an earlier call already ran (glibc reuses its threads).
            const auto& tasks = segmentTasks[id];
            const auto seenEnd = tasks.begin() + engineSaw[id];
            const int score = std::find(tasks.begin(), seenEnd, caller) != seenEnd ? 2 : tasks.empty() ? 1 : 0;
            if (score > pickScore) {
                pick = id;
                pickScore = score;
            }
        }
        if (pick != kNoRequest)
            for (const ExecSegment& s : segmentsOf(k))
                addSegment(pick, taskOf(s.task), s.startNs, s.endNs);
    }
    // The lanes of the run's own tasks, of the tasks the kernel ran its
    // requests on, and of the tasks they created (io-wq workers, helpers);
    // not of the other processes a sched_switch names beside them.
    std::vector<char> keep(kernel.tasks.size(), 0);
    for (TaskId k = 0; k < kernel.tasks.size(); ++k)
        keep[k] = taskOf.mapped[k] != kNoTask || (kernel.tasks[k].tid > 0 && taskOf.byTid.count(kernel.tasks[k].tid));
    for (TaskId k = 0; k < kernel.tasks.size(); ++k) {
        TaskId p = kernel.tasks[k].parent;
        for (int depth = 0; !keep[k] && p < kernel.tasks.size() && depth < 16; ++depth, p = kernel.tasks[p].parent)
            keep[k] = keep[p];
    }
    for (TaskId k = 0; k < kernel.tasks.size() && k < kernel.timeline.laneCount(); ++k) {
        const auto& lane = kernel.timeline.states(k);
        if (!keep[k] || lane.start.empty())
            continue;
        const TaskId e = taskOf(k);
        for (std::size_t i = 0; i < lane.start.size(); ++i)
            engine.timeline.addState(e, lane.start[i], lane.end[i], lane.state[i]);
    }
    // The kernel's evidence of those tasks' context (prio, block ioprio, cred,
    // SIGXFSZ, CPU): RunDerivation compares it as it does for an imported trace.
    for (const ContextFact& f : kernel.facts)
        if (f.task < keep.size() && keep[f.task]) {
            ContextFact moved = f;
            moved.task = taskOf(f.task);
            moved.evidence = engine.strings.intern(kernel.strings.view(f.evidence));
            engine.addFact(moved);
        }
    for (RequestId id = 0; id < engineRequests; ++id) {
        stats.linked += linked[id];
        stats.executorUnknown += segmentTasks[id].empty() && engine.requests.get(id).source == RequestSource::Engine;
    }
    for (const auto& w : kernel.warnings)
        engine.warnings.push_back(w);
    engine.finalize();
    return stats;
}

} // namespace aioscope::engine
