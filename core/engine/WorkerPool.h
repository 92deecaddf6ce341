#pragma once
#include "engine/Design.h"
#include "engine/IoRequest.h"
#include "model/ContextSnapshot.h"

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace aioscope::engine {

class PoolDesign;

// The threads of the pool designs: created once, before any submit, by the
// first submitter; several PoolDesign instances (one per submitting thread)
// may share one pool, as libuv's or any process-wide pool is shared.
class WorkerPool {
public:
    struct Job {
        IoRequest request;
        ContextSnapshot submitter; // what pool-impersonate copies
        PoolDesign* owner = nullptr; // who gets the completion
    };

    WorkerPool(unsigned workers, const char* threadName, bool captureExecutor, bool trace);
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    bool post(const Job& job);
    // Finishes queued jobs, then joins the workers.
    void stop();
    std::vector<Design::WorkerInfo> workers() const;

private:
    void workerMain(std::size_t index);

    bool captureExecutor_;
    bool trace_;
    const char* threadName_;
    std::vector<std::thread> threads_;
    std::vector<Design::WorkerInfo> infos_;
    mutable std::mutex mutex_;
    std::condition_variable jobReady_;
    std::condition_variable started_;
    std::deque<Job> jobs_;
    std::size_t startedCount_ = 0;
    bool stopping_ = false;
};

} // namespace aioscope::engine
