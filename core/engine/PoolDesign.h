#pragma once
#include "engine/Design.h"
#include "engine/WorkerPool.h"

#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

namespace aioscope::engine {

// A worker pool created at start(): workers run requests with their own
// identity; only memory is shared with the submitter (libuv, retry-based AIO).
// Several submitters share one pool (shareWorkersWith). Subclasses hook
// around each request (pool-impersonate).
class PoolDesign : public Design {
public:
    ~PoolDesign() override;
    std::string_view name() const override { return "pool"; }
    bool supports(IoOp op) const override;
    bool shareWorkersWith(Design& first) override;
    Result<void> start(const DesignOptions& options) override;
    Result<void> submit(const IoRequest& request) override;
    Result<std::size_t> reap(std::span<IoCompletion> out, std::size_t min, int timeoutMs) override;
    void stop() override;
    std::vector<WorkerInfo> workers() const override;

protected:
    using Job = WorkerPool::Job;
    // In the submitting thread, at submit.
    virtual void captureSubmitter(Job&) {}
    // In the worker, around the request. `own` is the worker's identity at birth.
    virtual void enter(const Job&, const ContextSnapshot& own) {}
    virtual void leave(const ContextSnapshot& own) {}
    virtual const char* threadName() const { return "aioscope-pool"; }

private:
    friend class WorkerPool;
    // A worker hands back a finished request (any worker thread).
    void deliver(const IoCompletion& c);

    DesignOptions options_;
    std::shared_ptr<WorkerPool> pool_;
    mutable std::mutex mutex_;
    std::condition_variable done_;
    std::vector<IoCompletion> completed_;
    std::size_t inFlight_ = 0;
};

} // namespace aioscope::engine
