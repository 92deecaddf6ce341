#include "probes/PollSignalfdProbe.h"

#include "probes/ExecutorLocator.h"
#include "probes/ProbeFiles.h"
#include "probes/ThreadIdentity.h"

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace aioscope::probes {

namespace {
void ignoreStray(int) {}
} // namespace

PollSignalfdProbe::~PollSignalfdProbe() { finish(); }

// Which task ran the signalfd's ->poll: io_uring_poll_arm names the task
// that armed it; an io_uring request issued without a punt ran ->poll in
// the issuing task; libaio's IOCB_CMD_POLL runs the first ->poll inside
// io_submit; user-space designs report their thread.
ExecutorSighting PollSignalfdProbe::armedBy(const ProbeObservation& obs) {
    for (const auto& l : obs.trace)
        if (l.name == "io_uring_poll_arm" && obs.aboutRequest(l)) {
            ExecutorSighting s;
            s.tid = l.tid;
            s.cpu = l.cpu;
            s.basis = "kernel trace: io_uring_poll_arm in " + obs.threadName(l.tid) + obs.originNote(l.tid);
            return s;
        }
    auto ring = ExecutorLocator::fromIoUringEvents(obs);
    if (ring.tid != 0 || !ring.basis.empty())
        return ring;
    return ExecutorLocator::locate(obs,
                                   [](const trace::live::CapturedEvent& l) { return l.name == "sys_enter_io_submit"; });
}

std::string PollSignalfdProbe::unsupportedReason(std::string_view design) const {
    return std::string(design) + " has no poll operation (glibc's aio_* API offers read, write and fsync only)";
}

Result<void> PollSignalfdProbe::prepare(const std::string&) {
    // The warm-up polls an eventfd that is already readable.
    eventFd_ = ::eventfd(1, EFD_CLOEXEC | EFD_NONBLOCK);
    if (eventFd_ < 0)
        return makeError(std::string("eventfd failed: ") + std::strerror(errno));
    return {};
}

std::optional<engine::IoRequest> PollSignalfdProbe::warmUp() {
    engine::IoRequest r;
    r.op = IoOp::Poll;
    r.fd = eventFd_;
    r.pollEvents = POLLIN;
    r.pollTimeoutMs = kPollTimeoutMs;
    return r;
}

Result<std::string> PollSignalfdProbe::apply() {
    // A handler, not the default action, in case the signal ever gets
    // unblocked somewhere: SIGUSR2 would otherwise end the process.
    struct sigaction action {};
    action.sa_handler = ignoreStray;
    sigemptyset(&action.sa_mask);
    if (::sigaction(kSignal, &action, &originalAction_) != 0)
        return makeError(std::string("sigaction(SIGUSR2) failed: ") + std::strerror(errno));
    handlerSet_ = true;
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, kSignal);
    if (::pthread_sigmask(SIG_BLOCK, &block, &originalMask_) != 0)
        return makeError("pthread_sigmask(SIG_BLOCK, SIGUSR2) failed");
    masked_ = true;
    signalFd_ = ::signalfd(-1, &block, SFD_CLOEXEC | SFD_NONBLOCK);
    if (signalFd_ < 0)
        return makeError(std::string("signalfd failed: ") + std::strerror(errno));
    pid_t tid = ThreadIdentity::tid();
    if (::syscall(SYS_tgkill, ::getpid(), tid, kSignal) != 0)
        return makeError(std::string("tgkill(SIGUSR2) to the submitter failed: ") + std::strerror(errno));
    sigset_t pending;
    sigpending(&pending);
    if (!sigismember(&pending, kSignal))
        return makeError("SIGUSR2 is not pending on the submitting thread after tgkill");
    struct pollfd self {signalFd_, POLLIN, 0};
    int readyHere = ::poll(&self, 1, 0);
    return "SIGUSR2 blocked and pending on tid " + std::to_string(tid) +
           " only; poll() of the signalfd by the submitter itself says " +
           (readyHere > 0 && (self.revents & POLLIN) ? "POLLIN" : "not ready");
}

engine::IoRequest PollSignalfdProbe::request() {
    engine::IoRequest r = *warmUp();
    r.fd = signalFd_;
    return r;
}

void PollSignalfdProbe::judge(const ProbeObservation& obs, ProbeCell& cell) {
    auto sighting = armedBy(obs);
    cell.evidence += "poll armed / ->poll run by: " + sighting.basis + "\n";
    if (sighting.tid != 0)
        cell.executorValue = "->poll in " + obs.threadName(sighting.tid);
    std::int64_t res = obs.completion.result;
    if (obs.completed && res > 0 && (res & POLLIN)) {
        cell.verdict = ProbeVerdict::Carried;
        cell.outcome = "the signalfd polled ready (revents " + std::to_string(res) +
                       "): ->poll saw the signal pending on the submitter";
    } else if (obs.completed && (res == 0 || res == -ETIME || res == -ETIMEDOUT)) {
        cell.verdict = ProbeVerdict::Leak;
        cell.outcome = "the poll timed out after " + std::to_string(kPollTimeoutMs) +
                       " ms without POLLIN: ->poll ran in a task without the submitter's pending signal";
    } else if (!obs.completed || res == -ECANCELED || res == -EINTR) {
        cell.verdict = ProbeVerdict::Leak;
        cell.outcome = "the signalfd never polled ready (" +
                       (obs.completed ? "cancelled: " + ProbeFiles::errnoName(static_cast<int>(-res))
                                      : obs.requestError) +
                       "): ->poll ran in a task without the submitter's pending signal";
    } else {
        cell.verdict = ProbeVerdict::NotObservable;
        cell.reason = "the poll completed with " +
                      (res < 0 ? ProbeFiles::errnoName(static_cast<int>(-res)) : "revents " + std::to_string(res));
        cell.outcome = cell.reason;
    }
    if (cell.executorValue.empty() && cell.verdict != ProbeVerdict::NotObservable)
        cell.executorValue = cell.verdict == ProbeVerdict::Carried ? "a task with SIGUSR2 pending"
                                                                   : "a task without SIGUSR2 pending";
}

void PollSignalfdProbe::restore() {
    if (signalFd_ >= 0) {
        signalfd_siginfo info;
        while (::read(signalFd_, &info, sizeof info) == sizeof info) {
        }
        ::close(signalFd_);
        signalFd_ = -1;
    }
    if (masked_) {
        sigset_t only;
        sigemptyset(&only);
        sigaddset(&only, kSignal);
        timespec zero{0, 0};
        while (::sigtimedwait(&only, nullptr, &zero) == kSignal) {
        }
        ::pthread_sigmask(SIG_SETMASK, &originalMask_, nullptr);
        masked_ = false;
    }
    if (handlerSet_) {
        ::sigaction(kSignal, &originalAction_, nullptr);
        handlerSet_ = false;
    }
}

void PollSignalfdProbe::finish() {
    if (eventFd_ >= 0) {
        ::close(eventFd_);
        eventFd_ = -1;
    }
}

} // namespace aioscope::probes
