#include "SyntheticSession.h"

#include <random>
#include <string>

namespace aioscope::storetest {

Run makeSyntheticRun(std::size_t requestCount, std::uint64_t seed, RunKind kind) {
    std::mt19937_64 rng(seed);
    auto uniform = [&](std::uint64_t n) { return n ? rng() % n : 0; };

    Run run;
    run.kind = kind;
    run.name = "synthetic run " + std::to_string(seed);
    run.source = "/tmp/trace-" + std::to_string(seed) + ".dat";
    run.format = kind == RunKind::TraceImport ? "trace.dat" : "engine";
    run.metadata = {{"kernel", "6.18.0"}, {"workload", "randrw"}, {"qd", std::to_string(8 + seed)}};
    run.eventCounts = {{"io_uring:io_uring_submit_req", requestCount}, {"sched:sched_switch", 3 * requestCount + 1}};
    run.eventsRead = 4 * requestCount + 7;
    run.warnings = {{ImportProblem::MalformedLine, "trace.txt:12", "cannot parse field", 3},
                    {ImportProblem::LostEvents, "cpu 1", "ring buffer overrun", 1}};

    const StringId designs[] = {run.strings.intern("pool"), run.strings.intern("io_uring"),
                                run.strings.intern("posix-aio")};
    std::vector<StringId> files;
    for (int i = 0; i < 16; ++i)
        files.push_back(run.strings.intern("/data/file-" + std::to_string(i)));
    const StringId values[] = {run.strings.intern("0"), run.strings.intern("65534"), run.strings.intern("cap_fsetid")};
    const StringId evidence = run.strings.intern("signal_generate sig=25 comm=iou-wrk-123");

    // Submitters, then workers; tids 100..103 are reused by a second task each.
    const std::size_t submitters = 8, workers = 16;
    for (std::size_t i = 0; i < submitters + workers; ++i) {
        Task t;
        t.tid = static_cast<std::int32_t>(100 + (i % 20));
        t.pid = 99;
        t.comm = run.strings.intern(i < submitters ? "fio-" + std::to_string(i) : "iou-wrk-" + std::to_string(i));
        t.firstSeenNs = static_cast<TimeNs>(i < 20 ? i * 10 : 5'000'000'000 + i);
        t.lastSeenNs = t.firstSeenNs + 4'000'000'000;
        t.role = i >= submitters ? TaskRole::KernelThread : TaskRole::Unknown;
        t.parent = i >= submitters ? static_cast<TaskId>(i % submitters) : kNoTask;
        run.addTask(t);
    }

    const std::size_t snapshotCount = requestCount / 50 + 2;
    for (std::size_t i = 0; i < snapshotCount; ++i) {
        ContextSnapshot s;
        s.known = static_cast<std::uint32_t>(rng() & 0x7ff);
        s.tid = static_cast<std::int32_t>(100 + i % 24);
        s.pid = 99;
        s.uid = static_cast<std::uint32_t>(uniform(2) ? 0 : 65534);
        s.euid = s.uid;
        s.fsuid = static_cast<std::uint32_t>(uniform(1000));
        s.gid = 5;
        s.fsgid = 6;
        s.capEffective = rng();
        s.ioprio = static_cast<std::int32_t>(uniform(8));
        s.nice = static_cast<std::int32_t>(uniform(40)) - 20;
        s.affinityMask = rng();
        s.cpu = static_cast<std::int32_t>(uniform(4)) - 1;
        s.cwd = files[uniform(files.size())];
        s.rlimitFsize = uniform(2) ? ~0ull : uniform(1u << 30);
        s.blockedSignals = rng();
        s.takenNs = uniform(3) ? static_cast<TimeNs>(uniform(1'000'000'000)) : kNoTime;
        run.addSnapshot(s);
    }

    run.requests.reserve(requestCount);
    run.segments.reserve(requestCount + requestCount / 4);
    for (std::size_t i = 0; i < requestCount; ++i) {
        Request r;
        r.design = designs[uniform(3)];
        r.op = static_cast<IoOp>(uniform(7));
        r.source = static_cast<RequestSource>(uniform(6));
        r.fd = static_cast<std::int32_t>(uniform(64)) - 1;
        r.file = files[uniform(files.size())];
        r.offset = uniform(1ull << 40);
        r.length = 4096u << uniform(5);
        r.result = uniform(50) ? static_cast<std::int64_t>(r.length) : -5;
        r.userData = rng();
        r.submitter = static_cast<TaskId>(uniform(submitters));
        // Appended slightly out of submit order, as trace trackers do.
        r.submitNs = static_cast<TimeNs>(i * 1000 + uniform(3000));
        r.submitEndNs = r.submitNs + static_cast<TimeNs>(uniform(5000));
        r.queuedNs = uniform(2) ? r.submitEndNs + 10 : kNoTime;
        r.completeNs = uniform(100) ? r.submitNs + static_cast<TimeNs>(10'000 + uniform(1'000'000)) : kNoTime;
        r.completionObserver = uniform(10) ? r.submitter : kNoTask;
        r.submitterSnapshot = static_cast<SnapshotId>(uniform(snapshotCount));
        r.executorSnapshot = uniform(4) ? static_cast<SnapshotId>(uniform(snapshotCount)) : kNoSnapshot;
        r.flags = uniform(200) ? 0u : static_cast<std::uint32_t>(kRequestVerifyMismatch);
        const RequestId id = run.addRequest(r);

        const bool otherExecutor = uniform(10) < 3;
        const TaskId executor = otherExecutor ? static_cast<TaskId>(submitters + uniform(workers)) : r.submitter;
        run.addSegment(id, executor, r.submitEndNs, r.submitEndNs + 2000);
        if (uniform(20) == 0)
            run.addSegment(id, static_cast<TaskId>(submitters + uniform(workers)), r.submitEndNs + 3000,
                           r.submitEndNs + 6000);
        if (otherExecutor && uniform(10) == 0) {
            // What the kernel consulted in the worker, and (mostly) the submitter's own value.
            const ContextAttribute a = uniform(2) ? ContextAttribute::Ioprio : ContextAttribute::Credentials;
            run.addFact({executor, r.submitEndNs + 500, a, FactKind::Consulted, uniform(3), evidence});
            if (uniform(4))
                run.addFact({r.submitter, r.submitNs - 1, a, FactKind::Value, uniform(3), values[uniform(3)]});
        }
    }

    // Lane states, appended out of order on purpose; finalize() sorts them.
    const std::size_t stateCount = requestCount / 4 + 10;
    for (std::size_t i = 0; i < stateCount; ++i) {
        const auto task = static_cast<TaskId>(uniform(submitters + workers));
        const auto start = static_cast<TimeNs>(uniform(requestCount * 1000 + 1));
        run.timeline.addState(task, start, start + static_cast<TimeNs>(uniform(5000)),
                              static_cast<LaneState>(uniform(6)));
    }
    run.finalize();
    return run;
}

Session makeSyntheticSession(std::size_t requestCount, std::uint64_t seed) {
    Session session;
    session.runs.push_back(makeSyntheticRun(requestCount * 6 / 10, seed, RunKind::EngineRun));
    session.runs.push_back(makeSyntheticRun(requestCount * 3 / 10, seed + 1, RunKind::TraceImport));
    session.runs.push_back(makeSyntheticRun(requestCount - requestCount * 6 / 10 - requestCount * 3 / 10, seed + 2,
                                            RunKind::ProbeRun));

    LeakMatrix m;
    m.kernel = "6.18.0-aioscope";
    m.ranAsRoot = true;
    m.takenUtc = "2026-11-25T12:00:00Z";
    const char* probes[] = {"fsuid", "cap-fsetid", "sigxfsz"};
    const ProbeVerdict verdicts[] = {ProbeVerdict::Carried, ProbeVerdict::Leak, ProbeVerdict::NotObservable,
                                     ProbeVerdict::Skipped};
    int k = 0;
    for (const char* design : {"pool", "io_uring"})
        for (const char* probe : probes) {
            ProbeCell c;
            c.design = design;
            c.probe = probe;
            c.verdict = verdicts[k % 4];
            c.submitterValue = "fsuid=65534";
            c.executorValue = k % 2 ? "fsuid=0" : "fsuid=65534";
            c.outcome = "created /probe/x owned by " + std::to_string(k);
            c.reason = c.verdict == ProbeVerdict::Skipped ? "needs root" : "";
            c.evidence = "worker tid 1234 created before setfsuid\n/proc/1234/status: Uid: 0 0 0 0";
            m.cells.push_back(c);
            ++k;
        }
    session.matrices.push_back(m);
    LeakMatrix empty;
    empty.kernel = "5.10.0";
    session.matrices.push_back(empty);

    // Ids deliberately sparse: they must come back as they were.
    session.annotations = {
        {3, 0, 1000, 50'000, "pool worker picks this up", "instructor", "2026-11-25T12:01:00Z", false},
        {7, 1, 20'000, kNoTime, "first leak", "reviewer", "2026-11-25T12:02:00Z", true},
        {42, 2, kNoTime, kNoTime, "whole run: note \"quoted\" and unicode \xC3\xA9", "", "", false},
        {43, 0, 5, kNoTime, "bookmark", "me", "2026-11-25T12:03:00Z", true},
    };
    return session;
}

} // namespace aioscope::storetest
