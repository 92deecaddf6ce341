#include "engine/WorkerPool.h"

#include "engine/BlockingExecutor.h"
#include "engine/PoolDesign.h"
#include "engine/ThreadContext.h"

#include <pthread.h>

namespace aioscope::engine {

WorkerPool::WorkerPool(unsigned workers, const char* threadName, bool captureExecutor, bool trace)
    : captureExecutor_(captureExecutor), trace_(trace), threadName_(threadName) {
    const unsigned n = workers ? workers : 1;
    infos_.assign(n, Design::WorkerInfo{});
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
}

WorkerPool::~WorkerPool() { stop(); }

void WorkerPool::workerMain(std::size_t index) {
    ::pthread_setname_np(::pthread_self(), threadName_);
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
                return; // stopping, and nothing left queued
            job = jobs_.front();
            jobs_.pop_front();
        }
        job.owner->enter(job, own);
        IoCompletion c;
        BlockingExecutor::execute(job.request, c, captureExecutor_, trace_);
        job.owner->leave(own);
        job.owner->deliver(c);
    }
}

bool WorkerPool::post(const Job& job) {
    {
        std::lock_guard lock(mutex_);
        if (stopping_)
            return false;
        jobs_.push_back(job);
    }
    jobReady_.notify_one();
    return true;
}

void WorkerPool::stop() {
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

std::vector<Design::WorkerInfo> WorkerPool::workers() const {
    std::lock_guard lock(mutex_);
    return infos_;
}

} // namespace aioscope::engine
