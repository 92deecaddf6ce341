#include "engine/PoolDesign.h"

#include <chrono>
#include <typeinfo>

namespace aioscope::engine {

PoolDesign::~PoolDesign() { stop(); }

bool PoolDesign::supports(IoOp op) const {
    return op == IoOp::Read || op == IoOp::Write || op == IoOp::Fsync || op == IoOp::Open || op == IoOp::Poll;
}

bool PoolDesign::shareWorkersWith(Design& first) {
    auto* other = dynamic_cast<PoolDesign*>(&first);
    if (!other || typeid(*other) != typeid(*this) || !other->pool_)
        return false;
    pool_ = other->pool_;
    return true;
}

Result<void> PoolDesign::start(const DesignOptions& options) {
    options_ = options;
    completed_.reserve(options.queueDepth + 8);
    if (!pool_)
        pool_ = std::make_shared<WorkerPool>(options.workers, threadName(), options.captureExecutor, options.trace);
    return {};
}

Result<void> PoolDesign::submit(const IoRequest& request) {
    if (!pool_)
        return makeError(std::string(name()) + ": submit before start() or after stop()");
    Job job{request, {}, this};
    captureSubmitter(job);
    {
        std::lock_guard lock(mutex_);
        ++inFlight_;
    }
    if (!pool_->post(job)) {
        std::lock_guard lock(mutex_);
        --inFlight_;
        return makeError(std::string(name()) + ": the pool is stopping");
    }
    return {};
}

void PoolDesign::deliver(const IoCompletion& c) {
    // Notify under the lock: once the submitter sees the completion it may
    // stop() and destroy this instance.
    std::lock_guard lock(mutex_);
    completed_.push_back(c);
    done_.notify_all();
}

Result<std::size_t> PoolDesign::reap(std::span<IoCompletion> out, std::size_t min, int timeoutMs) {
    std::unique_lock lock(mutex_);
    auto enough = [&] { return completed_.size() >= std::min(min, out.size()); };
    if (timeoutMs < 0)
        done_.wait(lock, enough);
    else
        done_.wait_for(lock, std::chrono::milliseconds(timeoutMs), enough);
    std::size_t n = std::min(out.size(), completed_.size());
    for (std::size_t i = 0; i < n; ++i)
        out[i] = completed_[i];
    completed_.erase(completed_.begin(), completed_.begin() + static_cast<std::ptrdiff_t>(n));
    inFlight_ -= n;
    return n;
}

void PoolDesign::stop() {
    if (!pool_)
        return;
    {
        // Workers still hold pointers to this instance for queued requests.
        std::unique_lock lock(mutex_);
        done_.wait(lock, [&] { return completed_.size() >= inFlight_; });
    }
    pool_.reset(); // the last submitter's reference joins the workers
}

std::vector<Design::WorkerInfo> PoolDesign::workers() const {
    return pool_ ? pool_->workers() : std::vector<WorkerInfo>{};
}

} // namespace aioscope::engine
