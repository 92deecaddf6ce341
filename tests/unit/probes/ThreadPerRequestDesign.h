#pragma once
#include "engine/Design.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace aioscope::probes::testing {

// A test-only design that creates a new thread for every request, AFTER
// the submitter may have changed its identity (like acall's thread per
// call). Such a thread inherits the change, so it must never be reported
// as `carried`. Threads stay alive until stop() so /proc still lists them.
class ThreadPerRequestDesign : public engine::Design {
public:
    ~ThreadPerRequestDesign() override { stop(); }
    std::string_view name() const override { return "thread-per-request"; }
    bool supports(IoOp op) const override { return op == IoOp::Write || op == IoOp::Open; }
    Result<void> start(const engine::DesignOptions&) override { return {}; }
    Result<void> submit(const engine::IoRequest& request) override;
    Result<std::size_t> reap(std::span<engine::IoCompletion> out, std::size_t min, int timeoutMs) override;
    void stop() override;
    std::vector<WorkerInfo> workers() const override;

private:
    mutable std::mutex mutex_;
    std::condition_variable cv_;
    std::deque<engine::IoCompletion> done_;
    std::vector<std::thread> threads_;
    std::vector<WorkerInfo> infos_;
    bool stopping_ = false;
};

} // namespace aioscope::probes::testing
