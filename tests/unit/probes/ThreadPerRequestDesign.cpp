#include "ThreadPerRequestDesign.h"

#include "engine/BlockingExecutor.h"
#include "engine/ThreadContext.h"

#include <chrono>

namespace aioscope::probes::testing {

Result<void> ThreadPerRequestDesign::submit(const engine::IoRequest& request) {
    std::lock_guard lock(mutex_);
    pid_t creator = engine::currentTid();
    threads_.emplace_back([this, request, creator] {
        engine::IoCompletion c;
        engine::BlockingExecutor::execute(request, c, true);
        std::unique_lock lock(mutex_);
        infos_.push_back({engine::currentTid(), creator, engine::monotonicNowNs(), "thread per request"});
        done_.push_back(c);
        cv_.notify_all();
        cv_.wait(lock, [this] { return stopping_; });
    });
    return {};
}

Result<std::size_t> ThreadPerRequestDesign::reap(std::span<engine::IoCompletion> out, std::size_t min,
                                                 int timeoutMs) {
    std::unique_lock lock(mutex_);
    cv_.wait_for(lock, std::chrono::milliseconds(timeoutMs), [&] { return done_.size() >= min; });
    std::size_t n = 0;
    while (n < out.size() && !done_.empty()) {
        out[n++] = done_.front();
        done_.pop_front();
    }
    return n;
}

void ThreadPerRequestDesign::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        cv_.notify_all();
    }
    for (auto& t : threads_)
        if (t.joinable())
            t.join();
    threads_.clear();
}

std::vector<engine::Design::WorkerInfo> ThreadPerRequestDesign::workers() const {
    std::lock_guard lock(mutex_);
    return infos_;
}

} // namespace aioscope::probes::testing
