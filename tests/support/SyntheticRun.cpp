#include "SyntheticRun.h"

#include <cmath>

namespace aioscope::testing {

void addFsuidLeakSnapshots(aioscope::Run& run, RequestId id) {
    ContextSnapshot s;
    s.known = ContextSnapshot::kUids;
    s.fsuid = 65534;
    ContextSnapshot e = s;
    e.fsuid = 0;
    Request withSnapshots = run.requests.get(id);
    withSnapshots.submitterSnapshot = run.addSnapshot(s);
    withSnapshots.executorSnapshot = run.addSnapshot(e);
    run.requests.set(id, withSnapshots);
}

SyntheticRun makeSyntheticRun(const std::vector<SyntheticDesign>& designs, std::uint32_t seed, TimeNs gapNs) {
    SyntheticRun out;
    aioscope::Run& run = out.run;
    run.name = "synthetic";
    std::mt19937_64 rng(seed);
    Task submitter;
    submitter.tid = 100;
    submitter.pid = 100;
    submitter.comm = run.strings.intern("app");
    const TaskId sub = run.addTask(submitter);
    Task worker;
    worker.tid = 101;
    worker.pid = 100;
    worker.comm = run.strings.intern("pool-0");
    const TaskId wrk = run.addTask(worker);
    TimeNs t = 1'000'000'000;
    for (const auto& d : designs) {
        out.latencies.emplace_back();
        const StringId name = run.strings.intern(d.name);
        std::uniform_real_distribution<double> uni(d.a, d.b);
        std::exponential_distribution<double> expo(1.0 / d.a);
        for (std::size_t i = 0; i < d.requests; ++i) {
            const double x = d.distribution == SyntheticDesign::Distribution::Uniform ? uni(rng) : expo(rng);
            const auto lat = std::max<TimeNs>(1, static_cast<TimeNs>(std::llround(x)));
            out.latencies.back().push_back(lat);
            Request r;
            r.design = name;
            r.op = IoOp::Read;
            r.length = d.blockSize;
            r.result = static_cast<std::int64_t>(d.blockSize);
            r.submitter = sub;
            r.submitNs = t;
            r.submitEndNs = t + 100;
            r.queuedNs = t + 50;
            r.completeNs = t + lat;
            const RequestId id = run.addRequest(r);
            const TimeNs execStart = t + std::min<TimeNs>(lat / 4, 200);
            run.addSegment(id, d.worker ? wrk : sub, execStart, t + lat);
            if (d.leakEvery && i % d.leakEvery == 0)
                addFsuidLeakSnapshots(run, id);
            t += gapNs;
        }
    }
    run.finalize();
    return out;
}

} // namespace aioscope::testing
