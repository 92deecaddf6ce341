#include "engine/PoolDesign.h"

#include "engine/BlockingExecutor.h"
#include "engine/ThreadContext.h"

#include <chrono>
#include <pthread.h>

namespace aioscope::engine {

PoolDesign::~PoolDesign() { stop(); }

bool PoolDesign::supports(IoOp op) const {
    return op == IoOp::Read || op == IoOp::Write || op == IoOp::Fsync || op == IoOp::Open || op == IoOp::Poll;
}

Result<void> PoolDesign::start(const DesignOptions& options) {
    options_ = options;
    unsigned n = options.workers ? options.workers : 1;
    infos_.assign(n, WorkerInfo{});
    done_.reserve(options.queueDepth + 8);
    const pid_t creator = currentTid();
    for (unsigned i = 0; i < n; ++i) {
        infos_[i].createdBy = creator;
        infos_[i].createdNs = monotonicNowNs();
        infos_[i].role = "pool worker";
        threads_.emplace_back([this, i] { workerMain(i); });
    }
    // Every worker exists (and has its tid) before the first submit: probes
    // change the submitter's identity only after start() returns.
    std::unique_lock lock(mutex_);
    started_.wait(lock, [&] { return startedCount_ == threads_.size(); });
    return {};
}

void PoolDesign::workerMain(std::size_t index) {
    ::pthread_setname_np(::pthread_self(), threadName());
    const ContextSnapshot own = captureThreadContext();
    {
        std::lock_guard lock(mutex_);
        infos_[index].tid = currentTid();
        ++startedCount_;
    }
    started_.notify_all();
    for (;;) {
        Job job;
        {
            std::unique_lock lock(mutex_);
            jobReady_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
            if (jobs_.empty())
                return; // stopping, and nothing left in flight
            job = jobs_.front();
            jobs_.pop_front();
        }
        enter(job, own);
        IoCompletion c;
        BlockingExecutor::execute(job.request, c, options_.captureExecutor, options_.trace);
        leave(own);
        {
            std::lock_guard lock(mutex_);
            done_.push_back(c);
        }
        jobDone_.notify_one();
    }
}

Result<void> PoolDesign::submit(const IoRequest& request) {
    Job job{request, {}};
    captureSubmitter(job);
    {
        std::lock_guard lock(mutex_);
        if (stopping_ || threads_.empty())
            return makeError("pool: submit before start() or after stop()");
        jobs_.push_back(job);
    }
    jobReady_.notify_one();
    return {};
}

Result<std::size_t> PoolDesign::reap(std::span<IoCompletion> out, std::size_t min, int timeoutMs) {
    std::unique_lock lock(mutex_);
    auto enough = [&] { return done_.size() >= std::min(min, out.size()); };
    if (timeoutMs < 0)
        jobDone_.wait(lock, enough);
    else
        jobDone_.wait_for(lock, std::chrono::milliseconds(timeoutMs), enough);
    std::size_t n = std::min(out.size(), done_.size());
    for (std::size_t i = 0; i < n; ++i)
        out[i] = done_[i];
    done_.erase(done_.begin(), done_.begin() + static_cast<std::ptrdiff_t>(n));
    return n;
}

void PoolDesign::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    jobReady_.notify_all();
    for (auto& t : threads_)
        if (t.joinable())
            t.join();
    threads_.clear();
}

std::vector<Design::WorkerInfo> PoolDesign::workers() const {
    std::lock_guard lock(mutex_);
    return infos_;
}

} // namespace aioscope::engine
