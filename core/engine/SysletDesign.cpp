#include "engine/SysletDesign.h"

#include "engine/BlockingExecutor.h"
#include "engine/ThreadContext.h"
#include "engine/ust/EngineTrace.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <poll.h>
#include <pthread.h>
#include <sys/uio.h>

namespace aioscope::engine {

namespace {
// Set when a submit() on this thread handed the loop to a spare.
thread_local bool tLostHead = false;
} // namespace

SysletDesign::~SysletDesign() { stop(); }

bool SysletDesign::supports(IoOp op) const {
    return op == IoOp::Read || op == IoOp::Write || op == IoOp::Fsync || op == IoOp::Open || op == IoOp::Poll;
}

Result<void> SysletDesign::start(const DesignOptions& options) {
    options_ = options;
    inline_.reserve(options.queueDepth + 8);
    blockedDone_.reserve(options.queueDepth + 8);
    // Enough spares that every in-flight request can block at once.
    std::size_t n = std::clamp<std::size_t>(options.queueDepth, 2, 32);
    spares_.clear();
    for (std::size_t i = 0; i < n; ++i)
        spares_.push_back(std::make_unique<Spare>());
    infos_.assign(n, WorkerInfo{});
    const pid_t creator = currentTid();
    for (std::size_t i = 0; i < n; ++i) {
        infos_[i].createdBy = creator;
        infos_[i].createdNs = monotonicNowNs();
        infos_[i].role = "spare thread";
        threads_.emplace_back([this, i] { spareMain(i); });
    }
    std::unique_lock lock(mutex_);
    cv_.wait(lock, [&] { return startedCount_ == n; });
    return {};
}

void SysletDesign::spareMain(std::size_t index) {
    ::pthread_setname_np(::pthread_self(), "aioscope-spare");
    {
        std::lock_guard lock(mutex_);
        spares_[index]->tid = currentTid();
        infos_[index].tid = spares_[index]->tid;
        idle_.push_back(index);
        ++startedCount_;
    }
    cv_.notify_all();
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            Spare& me = *spares_[index];
            me.wake.wait(lock, [&] { return stopping_ || me.becomeHead; });
            if (!me.becomeHead)
                return;
            me.becomeHead = false;
        }
        runHead();
        {
            std::lock_guard lock(mutex_);
            idle_.push_back(index);
        }
        cv_.notify_all();
    }
}

void SysletDesign::runHead() {
    tLostHead = false;
    for (;;) {
        if (!(*step_)()) {
            {
                std::lock_guard lock(mutex_);
                loopDone_ = true;
            }
            cv_.notify_all();
            return;
        }
        if (tLostHead)
            return; // another thread runs the loop now
    }
}

void SysletDesign::drive(const std::function<bool()>& step) {
    {
        std::lock_guard lock(mutex_);
        step_ = &step;
        driving_ = true;
        loopDone_ = false;
    }
    runHead();
    std::unique_lock lock(mutex_);
    cv_.wait(lock, [&] { return loopDone_ && blockedInFlight_ == 0 && idle_.size() == spares_.size(); });
    driving_ = false;
    step_ = nullptr;
    tLostHead = false;
}

bool SysletDesign::ownsLoop() const { return !tLostHead; }

pid_t SysletDesign::handOffLoop() {
    std::size_t index;
    {
        std::lock_guard lock(mutex_);
        if (!driving_ || idle_.empty())
            return 0;
        index = idle_.back();
        idle_.pop_back();
        spares_[index]->becomeHead = true;
        ++blockedInFlight_;
    }
    spares_[index]->wake.notify_one();
    return spares_[index]->tid;
}

bool SysletDesign::tryWithoutBlocking(const IoRequest& r, IoCompletion& out) {
    iovec iov{r.buffer, r.length};
    ssize_t rc;
    out.seq = r.seq;
    out.executorTid = currentTid();
    if (options_.captureExecutor)
        out.executor = captureThreadContext();
    out.startNs = monotonicNowNs();
    switch (r.op) {
    case IoOp::Read:
        rc = ::preadv2(r.fd, &iov, 1, static_cast<off_t>(r.offset), RWF_NOWAIT);
        if (rc < 0 || (rc > 0 && static_cast<std::uint32_t>(rc) < r.length))
            return false; // EAGAIN, EOPNOTSUPP or partly cached: the blocking path redoes it
        break;
    case IoOp::Write:
        rc = ::pwritev2(r.fd, &iov, 1, static_cast<off_t>(r.offset), RWF_NOWAIT);
        if (rc < 0 || static_cast<std::uint32_t>(rc) < r.length)
            return false;
        break;
    case IoOp::Poll: {
        pollfd p{r.fd, r.pollEvents, 0};
        if (::poll(&p, 1, 0) <= 0)
            return false;
        rc = p.revents;
        break;
    }
    default:
        return false; // fsync and open always may block
    }
    out.endNs = monotonicNowNs();
    out.completeNs = out.endNs;
    out.result = rc;
    out.ranInline = true;
    if (options_.trace) {
        if (options_.captureExecutor)
            EngineTrace::context(r.seq, EngineTrace::kExecutorRole, out.executor);
        EngineTrace::execStart(r.seq, out.executorTid, out.startNs);
        EngineTrace::execEnd(r.seq, out.executorTid, out.result, out.endNs);
    }
    return true;
}

Result<void> SysletDesign::submit(const IoRequest& request) {
    IoCompletion c;
    if (tryWithoutBlocking(request, c)) {
        inline_.push_back(c);
        return {};
    }
    c = IoCompletion{};
    const TimeNs handOffNs = monotonicNowNs();
    const pid_t next = handOffLoop();
    if (next == 0) {
        // No loop to move (probe use) or no idle spare: block right here.
        BlockingExecutor::execute(request, c, options_.captureExecutor, options_.trace);
        c.ranInline = true;
        inline_.push_back(c);
        return {};
    }
    // From here on the loop belongs to `next`; this thread only runs the call.
    tLostHead = true;
    BlockingExecutor::execute(request, c, options_.captureExecutor, options_.trace);
    c.ranInline = true;
    c.continuationTid = next;
    c.submitReturnNs = handOffNs;
    {
        std::lock_guard lock(mutex_);
        blockedDone_.push_back(c);
        --blockedInFlight_;
    }
    cv_.notify_all();
    return {};
}

Result<std::size_t> SysletDesign::reap(std::span<IoCompletion> out, std::size_t min, int timeoutMs) {
    std::size_t n = 0;
    while (n < out.size() && inlineRead_ < inline_.size())
        out[n++] = inline_[inlineRead_++];
    if (inlineRead_ == inline_.size()) {
        inline_.clear();
        inlineRead_ = 0;
    }
    std::unique_lock lock(mutex_);
    std::size_t need = std::min(min, out.size());
    if (n < need) {
        auto enough = [&] { return blockedDone_.size() >= need - n; };
        if (timeoutMs < 0)
            cv_.wait(lock, enough);
        else
            cv_.wait_for(lock, std::chrono::milliseconds(timeoutMs), enough);
    }
    std::size_t take = std::min(out.size() - n, blockedDone_.size());
    for (std::size_t i = 0; i < take; ++i)
        out[n++] = blockedDone_[i];
    blockedDone_.erase(blockedDone_.begin(), blockedDone_.begin() + static_cast<std::ptrdiff_t>(take));
    return n;
}

void SysletDesign::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    for (auto& s : spares_)
        s->wake.notify_one();
    for (auto& t : threads_)
        if (t.joinable())
            t.join();
    threads_.clear();
}

std::vector<Design::WorkerInfo> SysletDesign::workers() const {
    std::lock_guard lock(mutex_);
    return infos_;
}

} // namespace aioscope::engine
