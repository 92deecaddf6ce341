#include "probes/ProbeRunner.h"

#include "probes/Probe.h"
#include "probes/ProbeEvidence.h"
#include "probes/ProbeRegistry.h"
#include "probes/ProbeScratchDir.h"
#include "probes/SubmitterSide.h"
#include "trace/live/LiveCapture.h"
#include "trace/live/LiveEventPreset.h"

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <ctime>
#include <mutex>
#include <sys/utsname.h>
#include <thread>
#include <unistd.h>

namespace aioscope::probes {

namespace {

struct CellState {
    std::mutex mutex;
    std::condition_variable cv;
    bool done = false;
    ProbeCell cell;
};

std::string utcNow() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    ::gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

} // namespace

std::string ProbeRunner::kernelRelease() {
    utsname u{};
    return ::uname(&u) == 0 ? u.release : "unknown";
}

Result<LeakMatrix> ProbeRunner::run(const ProbeRunOptions& options) {
    std::vector<std::string> probes = options.probes;
    if (probes.empty())
        for (auto n : ProbeRegistry::names())
            probes.emplace_back(n);
    for (const auto& p : probes)
        if (!ProbeRegistry::known(p))
            return makeError("unknown probe '" + p + "'");

    std::string parent = options.dir;
    if (parent.empty())
        parent = std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp";
    auto scratch = ProbeScratchDir::create(parent);
    if (!scratch)
        return scratch.error();

    // One private tracefs instance for the whole matrix, started and
    // stopped around each cell's probe request.
    std::unique_ptr<trace::live::LiveCapture> capture;
    std::string traceUnavailable = "kernel trace not requested";
    if (options.kernelTrace) {
        auto opened = trace::live::LiveCapture::open({*trace::live::LiveEventPreset::named("probe"), "probe", 2048});
        if (opened)
            capture = std::move(*opened);
        else
            traceUnavailable = opened.error().message;
    }

    LeakMatrix matrix;
    matrix.kernel = kernelRelease();
    matrix.ranAsRoot = ::geteuid() == 0;
    matrix.takenUtc = utcNow();
    std::uint64_t index = 0;
    for (const auto& design : options.designs)
        for (const auto& probe : probes) {
            ++index;
            auto dir = scratch->cellDir(design + "." + probe);
            ProbeCell cell;
            if (!dir) {
                cell.design = design;
                cell.probe = probe;
                cell.verdict = ProbeVerdict::Skipped;
                cell.reason = dir.error().message;
            } else {
                cell = runCell(design, probe, *dir, 0xa10500000ull + index, options, capture.get(),
                               traceUnavailable);
            }
            if (options.onCell)
                options.onCell(cell);
            matrix.cells.push_back(std::move(cell));
        }
    return matrix;
}

ProbeCell ProbeRunner::runCell(const std::string& design, const std::string& probeName, const std::string& cellDir,
                               std::uint64_t seq, const ProbeRunOptions& options, trace::live::LiveCapture* capture,
                               const std::string& traceUnavailable) {
    ProbeCell cell;
    cell.design = design;
    cell.probe = probeName;
    std::shared_ptr<Probe> probe = ProbeRegistry::create(probeName);
    if (probe->needsRoot() && ::geteuid() != 0) {
        cell.verdict = ProbeVerdict::Skipped;
        cell.reason = std::string("needs root: the probe's change (") + std::string(probe->change()) +
                      ") needs " + (probeName == "fsuid" ? "CAP_SETUID" : "CAP_FSETID to drop") +
                      "; run aioscope probe as root";
        return cell;
    }
    {
        auto instance = factory_(design);
        if (!instance) {
            cell.verdict = ProbeVerdict::Skipped;
            cell.reason = instance.error().message;
            return cell;
        }
        if (!(*instance)->supports(probe->op())) {
            cell.verdict = ProbeVerdict::NotObservable;
            cell.reason = probe->unsupportedReason(design);
            cell.outcome = "no request was sent: " + cell.reason;
            cell.evidence = "design " + design + " reports supports(" + ioOpName(probe->op()) +
                            ") = false, so the probe request was not sent and no kernel outcome exists; "
                            "kernel trace: not needed\n";
            return cell;
        }
    }
    if (auto prepared = probe->prepare(cellDir); !prepared) {
        probe->finish();
        cell.verdict = ProbeVerdict::Skipped;
        cell.reason = "setup failed: " + prepared.error().message;
        return cell;
    }

    auto state = std::make_shared<CellState>();
    state->cell = cell;
    SubmitterSide::Inputs in{design, seq, options.designOptions, capture, traceUnavailable, ::gettid(), factory_};
    std::thread submitter([state, probe, in] {
        ProbeCell result = SubmitterSide::run(*probe, in, state->cell);
        std::lock_guard lock(state->mutex);
        state->cell = std::move(result);
        state->done = true;
        state->cv.notify_all();
    });
    std::unique_lock lock(state->mutex);
    bool finished =
        state->cv.wait_for(lock, std::chrono::milliseconds(options.cellTimeoutMs), [&] { return state->done; });
    if (finished) {
        cell = state->cell;
        lock.unlock();
        submitter.join();
    } else {
        lock.unlock();
        // It owns its probe and design through shared state; leaving it is
        // safer than killing a thread inside a syscall.
        submitter.detach();
        cell.verdict = ProbeVerdict::NotObservable;
        cell.reason = "the probe did not finish within " + std::to_string(options.cellTimeoutMs / 1000) +
                      " s; its submitter thread was abandoned";
    }
    probe->finish();
    return cell;
}

} // namespace aioscope::probes
