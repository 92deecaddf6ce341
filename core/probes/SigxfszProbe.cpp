#include "probes/SigxfszProbe.h"
#include "probes/ProbeRequests.h"

#include "probes/ExecutorLocator.h"
#include "probes/ProbeFiles.h"
#include "probes/ThreadIdentity.h"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace aioscope::probes {

namespace {
std::atomic<pid_t> gReceiver{0};
std::atomic<int> gDeliveries{0};

void onSigxfsz(int, siginfo_t*, void*) {
    gReceiver.store(static_cast<pid_t>(::syscall(SYS_gettid)));
    gDeliveries.fetch_add(1);
}
} // namespace

SigxfszProbe::~SigxfszProbe() {
    restore();
    finish();
}

Result<void> SigxfszProbe::prepare(const std::string& cellDir) {
    std::memset(buffer_, 'x', sizeof buffer_);
    auto target = ProbeFiles::openFile(cellDir + "/fsize-target", O_WRONLY | O_CREAT);
    if (!target)
        return target.error();
    targetFd_ = *target;
    auto warm = ProbeFiles::openFile(cellDir + "/fsize-warm-up", O_WRONLY | O_CREAT);
    if (!warm)
        return warm.error();
    warmFd_ = *warm;
    return {};
}

std::optional<engine::IoRequest> SigxfszProbe::warmUp() {
    return writeRequest(warmFd_, buffer_, sizeof buffer_);
}

Result<std::string> SigxfszProbe::apply() {
    gReceiver = 0;
    gDeliveries = 0;
    struct sigaction action {};
    action.sa_sigaction = onSigxfsz;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    if (::sigaction(SIGXFSZ, &action, &originalAction_) != 0)
        return makeError(std::string("sigaction(SIGXFSZ) failed: ") + std::strerror(errno));
    handlerSet_ = true;
    if (::getrlimit(RLIMIT_FSIZE, &originalLimit_) != 0)
        return makeError(std::string("getrlimit(RLIMIT_FSIZE) failed: ") + std::strerror(errno));
    struct rlimit lowered = originalLimit_;
    lowered.rlim_cur = kLimit;
    if (::setrlimit(RLIMIT_FSIZE, &lowered) != 0)
        return makeError(std::string("setrlimit(RLIMIT_FSIZE) failed: ") + std::strerror(errno));
    limitSet_ = true;
    return "RLIMIT_FSIZE " + std::to_string(kLimit) + " (process-wide), write at offset " + std::to_string(kOffset) +
           "; tid " + std::to_string(ThreadIdentity::tid()) + " submits and should receive SIGXFSZ";
}

engine::IoRequest SigxfszProbe::request() {
    engine::IoRequest r = *warmUp();
    r.fd = targetFd_;
    r.offset = kOffset;
    return r;
}

void SigxfszProbe::judge(const ProbeObservation& obs, ProbeCell& cell) {
    // The limit is lifted before anything else: other threads must not trip it.
    if (limitSet_) {
        ::setrlimit(RLIMIT_FSIZE, &originalLimit_);
        limitSet_ = false;
    }
    auto sighting = ExecutorLocator::locate(obs, [](const trace::live::CapturedEvent& l) {
        return l.name == "signal_generate" && l.number("sig") == SIGXFSZ;
    });
    cell.evidence += "executor (sender of SIGXFSZ): " + sighting.basis + "\n";

    pid_t receiver = gReceiver.load();
    std::string how;
    if (receiver != 0)
        how = "its SIGXFSZ handler ran there (gettid() recorded in the handler)";
    if (receiver == 0)
        for (const auto& t : obs.threadsAfter)
            if (t.hasPending(SIGXFSZ)) {
                receiver = t.tid;
                how = "SIGXFSZ is pending there, blocked (/proc/self/task/" + std::to_string(t.tid) + "/status SigPnd)";
                break;
            }
    if (receiver == 0)
        for (const auto& l : obs.trace)
            if (l.name == "signal_generate" && l.number("sig") == SIGXFSZ) {
                receiver = static_cast<pid_t>(l.number("pid").value_or(0));
                how = "kernel trace `signal_generate: " + l.fieldsText() + "`";
                break;
            }
    cell.executorValue = receiver ? "SIGXFSZ received by " + obs.threadName(receiver) + ": " + how
                                  : "no thread received SIGXFSZ (no handler ran, none pending, no signal_generate)";

    if (!obs.completed) {
        cell.verdict = ProbeVerdict::NotObservable;
        cell.reason = "the write did not complete: " + obs.requestError;
        return;
    }
    std::int64_t res = obs.completion.result;
    if (res != -EFBIG) {
        cell.verdict = ProbeVerdict::NotObservable;
        cell.reason = "the write past RLIMIT_FSIZE returned " +
                      (res < 0 ? ProbeFiles::errnoName(static_cast<int>(-res)) : std::to_string(res) + " bytes") +
                      ", not EFBIG: the limit was not consulted where expected";
        cell.outcome = cell.reason;
        return;
    }
    if (receiver == obs.submitterTid) {
        cell.verdict = ProbeVerdict::Carried;
        cell.outcome = "write failed with EFBIG and SIGXFSZ went to the submitter (" + how + ")";
    } else if (receiver != 0) {
        cell.verdict = ProbeVerdict::Leak;
        cell.outcome = "write failed with EFBIG but SIGXFSZ went to " + obs.threadName(receiver) +
                       ", not the submitter";
    } else {
        cell.verdict = ProbeVerdict::Leak;
        cell.outcome = "write failed with EFBIG but no thread received SIGXFSZ";
    }
}

void SigxfszProbe::restore() {
    if (limitSet_) {
        ::setrlimit(RLIMIT_FSIZE, &originalLimit_);
        limitSet_ = false;
    }
    if (handlerSet_) {
        // SIG_IGN discards a SIGXFSZ still pending on any thread (a blocked
        // helper or io thread) before the default action could ever apply.
        struct sigaction ignore {};
        ignore.sa_handler = SIG_IGN;
        ::sigaction(SIGXFSZ, &ignore, nullptr);
        ::sigaction(SIGXFSZ, &originalAction_, nullptr);
        handlerSet_ = false;
    }
}

void SigxfszProbe::finish() {
    for (int* fd : {&targetFd_, &warmFd_})
        if (*fd >= 0) {
            ::close(*fd);
            *fd = -1;
        }
}

} // namespace aioscope::probes
