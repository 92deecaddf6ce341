#include "gui/synthetic/SyntheticRunBuilder.h"

#include <algorithm>
#include <charconv>
#include <string_view>

namespace aioscope::gui {

namespace {
struct SplitMix {
    std::uint64_t s;
    std::uint64_t next() {
        std::uint64_t z = (s += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
    std::uint64_t below(std::uint64_t n) { return n ? next() % n : 0; }
};
} // namespace

bool SyntheticRunBuilder::parseSpec(const std::string& spec, Params* out, std::string* error) {
    std::string_view s(spec);
    constexpr std::string_view prefix = "synthetic:";
    if (s.substr(0, prefix.size()) != prefix) {
        *error = "not a synthetic spec (expected synthetic:key=value,...)";
        return false;
    }
    s.remove_prefix(prefix.size());
    Params p;
    while (!s.empty()) {
        const auto comma = s.find(',');
        const auto item = s.substr(0, comma);
        s = comma == std::string_view::npos ? std::string_view() : s.substr(comma + 1);
        if (item.empty())
            continue;
        const auto eq = item.find('=');
        if (eq == std::string_view::npos) {
            *error = "synthetic spec: '" + std::string(item) + "' has no '='";
            return false;
        }
        const auto key = item.substr(0, eq);
        const auto val = item.substr(eq + 1);
        std::uint64_t v = 0;
        if (std::from_chars(val.data(), val.data() + val.size(), v).ec != std::errc()) {
            *error = "synthetic spec: '" + std::string(val) + "' is not a number";
            return false;
        }
        if (key == "requests") p.requests = v;
        else if (key == "submitters") p.submitters = static_cast<std::uint32_t>(std::max<std::uint64_t>(v, 1));
        else if (key == "workers") p.workersPerSubmitter = static_cast<std::uint32_t>(v);
        else if (key == "states") p.stateEvents = v;
        else if (key == "punt") p.puntPercent = static_cast<std::uint32_t>(std::min<std::uint64_t>(v, 100));
        else if (key == "leak") p.leakEvery = static_cast<std::uint32_t>(v);
        else if (key == "seed") p.seed = v;
        else if (key == "spacing") p.spacingNs = static_cast<TimeNs>(std::max<std::uint64_t>(v, 10));
        else {
            *error = "synthetic spec: unknown key '" + std::string(key) + "'";
            return false;
        }
    }
    *out = p;
    return true;
}

Run SyntheticRunBuilder::build(const Params& p) {
    Run run;
    run.name = "synthetic";
    run.kind = RunKind::TraceImport;
    run.format = "synthetic";
    run.source = "synthetic";
    SplitMix rng{p.seed};
    const std::int32_t pid = 4242;
    const TimeNs t0 = 1'000'000'000;
    const std::uint32_t workersPer = p.workersPerSubmitter;

    std::vector<TaskId> submitters, workers;
    for (std::uint32_t s = 0; s < p.submitters; ++s) {
        Task t;
        t.tid = pid + static_cast<std::int32_t>(s);
        t.pid = pid;
        t.comm = run.strings.intern(s == 0 ? "writer" : "writer-" + std::to_string(s));
        submitters.push_back(run.addTask(t));
    }
    for (std::uint32_t s = 0; s < p.submitters; ++s)
        for (std::uint32_t w = 0; w < workersPer; ++w) {
            Task t;
            t.tid = pid + 100 + static_cast<std::int32_t>(s * workersPer + w);
            t.pid = pid;
            t.comm = run.strings.intern("iou-wrk-" + std::to_string(pid));
            t.parent = submitters[s];
            workers.push_back(run.addTask(t));
        }

    ContextSnapshot subSnap;
    subSnap.known = ContextSnapshot::kTid | ContextSnapshot::kUids | ContextSnapshot::kCaps | ContextSnapshot::kNice;
    subSnap.pid = pid;
    subSnap.fsuid = 65534;
    subSnap.capEffective = 0x1ffffffffffull & ~(1ull << 4);
    subSnap.nice = 10;
    // Workers either wear the submitter's identity (carried) or their own (leak).
    std::vector<SnapshotId> subSnaps, wrkSnaps, wearingSnaps;
    for (auto s : submitters) {
        subSnap.tid = run.tasks[s].tid;
        subSnaps.push_back(run.addSnapshot(subSnap));
    }
    ContextSnapshot wrkSnap = subSnap;
    wrkSnap.fsuid = 0;
    wrkSnap.capEffective = 0x1ffffffffffull;
    wrkSnap.nice = 0;
    for (auto w : workers) {
        wrkSnap.tid = run.tasks[w].tid;
        wrkSnaps.push_back(run.addSnapshot(wrkSnap));
        ContextSnapshot wearing = subSnap;
        wearing.tid = run.tasks[w].tid;
        wearingSnaps.push_back(run.addSnapshot(wearing));
    }

    const StringId designUring = run.strings.intern("io_uring");
    const StringId file = run.strings.intern("/tmp/aioscope-synthetic/data");

    run.requests.reserve(p.requests);
    run.segments.reserve(p.requests);
    std::vector<TimeNs> clock(p.submitters, t0);
    std::vector<TimeNs> workerFree(workers.size(), t0);
    std::uint64_t punted = 0;
    for (std::uint64_t i = 0; i < p.requests; ++i) {
        const auto s = static_cast<std::uint32_t>(i % p.submitters);
        clock[s] += p.spacingNs / 2 + static_cast<TimeNs>(rng.below(static_cast<std::uint64_t>(p.spacingNs)));
        Request r;
        r.design = designUring;
        r.op = (i % 10 == 9) ? IoOp::Fsync : IoOp::Write;
        r.source = RequestSource::IoUring;
        r.fd = 5;
        r.file = file;
        r.offset = (i * 4096) % (64ull << 20);
        r.length = r.op == IoOp::Write ? 4096 : 0;
        r.result = static_cast<std::int64_t>(r.length);
        r.userData = i + 1;
        r.submitter = submitters[s];
        r.submitNs = clock[s];
        r.submitEndNs = r.submitNs + 1500 + static_cast<TimeNs>(rng.below(2000));
        r.submitterSnapshot = subSnaps[s];
        r.completionObserver = submitters[s];
        const bool punt = workersPer > 0 && rng.below(100) < p.puntPercent;
        const RequestId id = run.addRequest(r);
        TimeNs completion = 0;
        if (punt) {
            const std::size_t w = s * workersPer + rng.below(workersPer);
            const TimeNs start = std::max(r.submitEndNs + 2000, workerFree[w]);
            const TimeNs end = start + 5000 + static_cast<TimeNs>(rng.below(60000));
            workerFree[w] = end;
            run.addSegment(id, workers[w], start, end);
            completion = end + 1000;
            Request upd = run.requests.get(id);
            upd.queuedNs = r.submitEndNs - 500;
            ++punted;
            const bool leaks = p.leakEvery && punted % p.leakEvery == 0;
            upd.executorSnapshot = leaks ? wrkSnaps[w] : wearingSnaps[w];
            upd.completeNs = completion;
            run.requests.set(id, upd);
        } else {
            const TimeNs end = r.submitEndNs + 2000 + static_cast<TimeNs>(rng.below(8000));
            run.addSegment(id, submitters[s], r.submitNs + 200, end);
            completion = end;
            Request upd = run.requests.get(id);
            upd.executorSnapshot = subSnaps[s];
            upd.completeNs = completion;
            run.requests.set(id, upd);
            clock[s] = std::max(clock[s], end);
        }
    }
    TimeNs end = t0 + 1;
    for (auto c : clock) end = std::max(end, c);
    for (auto w : workerFree) end = std::max(end, w);
    end += 10'000;

    // Scheduling states: each lane cycles running / runnable / blocked / sleeping.
    const std::size_t lanes = run.tasks.size();
    const std::uint64_t perLane = lanes ? p.stateEvents / lanes : 0;
    for (TaskId task = 0; task < lanes; ++task) {
        if (perLane == 0)
            break;
        const TimeNs step = std::max<TimeNs>((end - t0) / static_cast<TimeNs>(perLane), 1);
        TimeNs t = t0;
        for (std::uint64_t k = 0; k < perLane && t < end; ++k) {
            const TimeNs len = std::max<TimeNs>(1, step / 2 + static_cast<TimeNs>(rng.below(static_cast<std::uint64_t>(step))));
            static constexpr LaneState cycle[] = {LaneState::Running, LaneState::Runnable, LaneState::Running,
                                                  LaneState::Blocked, LaneState::Sleeping};
            run.timeline.addState(task, t, std::min(end, t + len), cycle[rng.below(5)]);
            t += len;
        }
    }
    for (auto& t : run.tasks) {
        t.firstSeenNs = t0;
        t.lastSeenNs = end;
    }
    run.eventsRead = run.timeline.stateCount() + 3 * run.requests.size();
    run.finalize();
    return run;
}

} // namespace aioscope::gui
