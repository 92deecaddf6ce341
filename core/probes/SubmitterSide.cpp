#include "probes/SubmitterSide.h"

#include "probes/Probe.h"
#include "probes/ProbeEvidence.h"
#include "probes/ProbeFiles.h"
#include "probes/ThreadIdentity.h"
#include "probes/ThreadStatusReader.h"
#include "trace/live/CapturedEventList.h"
#include "trace/live/LiveCapture.h"
#include "trace/live/ProcessFollower.h"

#include <array>
#include <chrono>
#include <ctime>
#include <set>
#include <thread>
#include <unistd.h>

namespace aioscope::probes {

namespace {

TimeNs nowNs() {
    timespec ts{};
    ::clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<TimeNs>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

// Sends one request and waits for its completion; false with `error` set
// when it did not come back in time.
bool roundTrip(engine::Design& design, const engine::IoRequest& request, int timeoutMs, engine::IoCompletion& out,
               std::string& error) {
    if (auto s = design.submit(request); !s) {
        error = "submit failed: " + s.error().message;
        return false;
    }
    if (auto f = design.flush(); !f) {
        error = "flush failed: " + f.error().message;
        return false;
    }
    std::array<engine::IoCompletion, 4> got{};
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    while (true) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() < 0) {
            error = "no completion within " + std::to_string(timeoutMs) + " ms";
            return false;
        }
        auto n = design.reap(got, 1, static_cast<int>(left.count()));
        if (!n) {
            error = "reap failed: " + n.error().message;
            return false;
        }
        for (std::size_t i = 0; i < *n; ++i)
            if (got[i].seq == request.seq) {
                out = got[i];
                return true;
            }
        if (*n == 0) {
            error = "no completion within " + std::to_string(timeoutMs) + " ms";
            return false;
        }
    }
}

// Stops the capture (no file is opened: the thread may run as nobody now)
// and keeps the events of the cell's threads and of what they created.
void collectTrace(trace::live::LiveCapture& capture, const std::set<pid_t>& tids, ProbeObservation& obs) {
    capture.stop();
    trace::live::CapturedEventList events;
    trace::live::ProcessFollower follower(events, std::vector<pid_t>(tids.begin(), tids.end()));
    capture.replay(follower);
    obs.trace = std::move(events.events);
    obs.traceLost = capture.lostEvents();
}

} // namespace

ProbeCell SubmitterSide::run(Probe& probe, const Inputs& in, ProbeCell cell) {
    ProbeObservation obs;
    obs.design = in.design;
    obs.submitterTid = ThreadIdentity::tid();
    obs.seq = in.seq;
    std::string& ev = cell.evidence;

    auto created = in.factory(in.design);
    if (!created) {
        cell.verdict = ProbeVerdict::Skipped;
        cell.reason = created.error().message;
        return cell;
    }
    engine::Design& design = **created;
    for (const auto& t : ThreadStatusReader::listSelf())
        obs.threadsAtStart.push_back(t.tid);
    TimeNs startNs = nowNs();
    if (auto started = design.start(in.designOptions); !started) {
        cell.verdict = ProbeVerdict::Skipped;
        cell.reason = "design " + in.design + " failed to start: " + started.error().message;
        return cell;
    }

    // Warm-up: lazily created workers (io-wq, glibc helpers) appear now,
    // with the submitter's unchanged identity.
    std::string warmNote = "no warm-up request";
    if (auto warm = probe.warmUp()) {
        warm->seq = in.seq ^ 0x8000;
        engine::IoCompletion wc;
        std::string werr;
        if (roundTrip(design, *warm, 3000, wc, werr)) {
            warmNote = "warm-up " + std::string(ioOpName(warm->op)) + " on a twin target before the change: result " +
                       std::to_string(wc.result) +
                       (wc.executorTid ? ", executor tid " + std::to_string(wc.executorTid) : std::string());
            if (warm->op == IoOp::Open && wc.result >= 0)
                ::close(static_cast<int>(wc.result));
        } else {
            warmNote = "warm-up request failed (" + werr + ")";
        }
        // Let a worker that just finished go idle, so the probe request
        // finds it instead of making the design create a new one.
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
    }

    obs.traced = in.capture != nullptr;
    obs.traceUnavailable = in.traceUnavailable;
    if (in.capture)
        if (auto begun = in.capture->start(); !begun) {
            obs.traced = false;
            obs.traceUnavailable = begun.error().message;
        }
    // After the capture's reader threads exist, so they do not count as
    // threads created after the change.
    obs.threadsBefore = ThreadStatusReader::listSelf();

    obs.changeNs = nowNs();
    auto applied = probe.apply();
    if (!applied) {
        probe.restore();
        if (obs.traced)
            in.capture->stop();
        design.stop();
        cell.verdict = ProbeVerdict::NotObservable;
        cell.reason = "could not change the submitter: " + applied.error().message;
        return cell;
    }
    cell.submitterValue = *applied;

    engine::IoRequest request = probe.request();
    request.seq = in.seq;
    int timeoutMs = probe.mayNotComplete() ? request.pollTimeoutMs + 700 : 5000;
    obs.completed = roundTrip(design, request, timeoutMs, obs.completion, obs.requestError);
    std::string cancelNote;
    if (!obs.completed && probe.mayNotComplete()) {
        // A poll that never fired: cancel it and collect what comes back.
        auto cancelled = design.cancel(in.seq);
        std::array<engine::IoCompletion, 4> got{};
        auto n = design.reap(got, 1, 1000);
        cancelNote = "cancelled the pending request (" +
                     (cancelled ? std::string("cancel accepted") : "cancel failed: " + cancelled.error().message);
        for (std::size_t i = 0; n && i < *n; ++i)
            if (got[i].seq == in.seq)
                cancelNote += ", it completed with " + std::to_string(got[i].result);
        cancelNote += ")";
    }

    obs.threadsAfter = ThreadStatusReader::listSelf();
    if (obs.traced) {
        std::set<pid_t> tids;
        for (const auto& t : obs.threadsBefore)
            tids.insert(t.tid);
        for (const auto& t : obs.threadsAfter)
            tids.insert(t.tid);
        collectTrace(*in.capture, tids, obs);
    }
    obs.workers = design.workers();

    probe.judge(obs, cell);
    // A thread created after the change inherited it: its `carried` proves
    // nothing (the hidden leak docs/architecture.md, "Probes", warns about).
    pid_t executor = obs.completion.executorTid;
    if (cell.verdict == ProbeVerdict::Carried && obs.completed && obs.createdAfterChange(executor)) {
        cell.verdict = ProbeVerdict::NotObservable;
        cell.reason = "the request ran on " + obs.threadName(executor) +
                      ", a thread created after the submitter's change: it inherited the change, so `carried` would "
                      "hide whether the design carries it";
    }
    probe.restore();
    design.stop();

    ev = ProbeEvidence::describe(obs, in.runnerTid, startNs, warmNote, cancelNote) + ev;
    return cell;
}

} // namespace aioscope::probes
