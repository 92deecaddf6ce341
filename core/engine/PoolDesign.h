#pragma once
#include "engine/Design.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace aioscope::engine {

// A worker pool created at start(): workers run requests with their own
// identity; only memory is shared with the submitter (libuv, retry-based AIO).
// Subclasses hook around each request (pool-impersonate).
class PoolDesign : public Design {
public:
    ~PoolDesign() override;
    std::string_view name() const override { return "pool"; }
    bool supports(IoOp op) const override;
    Result<void> start(const DesignOptions& options) override;
    Result<void> submit(const IoRequest& request) override;
    Result<std::size_t> reap(std::span<IoCompletion> out, std::size_t min, int timeoutMs) override;
    void stop() override;
    std::vector<WorkerInfo> workers() const override;

protected:
    struct Job {
        IoRequest request;
        ContextSnapshot submitter; // filled by captureSubmitter()
    };
    // In the submitting thread, at submit.
    virtual void captureSubmitter(Job&) {}
    // In the worker, around the request. `own` is the worker's identity at birth.
    virtual void enter(const Job&, const ContextSnapshot& own) {}
    virtual void leave(const ContextSnapshot& own) {}
    virtual const char* threadName() const { return "aioscope-pool"; }

private:
    void workerMain(std::size_t index);

    DesignOptions options_;
    std::vector<std::thread> threads_;
    std::vector<WorkerInfo> infos_;
    mutable std::mutex mutex_;
    std::condition_variable jobReady_;
    std::condition_variable jobDone_;
    std::condition_variable started_;
    std::deque<Job> jobs_;
    std::vector<IoCompletion> done_;
    std::size_t startedCount_ = 0;
    bool stopping_ = false;
};

} // namespace aioscope::engine
