#include "engine/SyncDesign.h"

#include "engine/BlockingExecutor.h"

namespace aioscope::engine {

bool SyncDesign::supports(IoOp op) const {
    return op == IoOp::Read || op == IoOp::Write || op == IoOp::Fsync || op == IoOp::Open || op == IoOp::Poll;
}

Result<void> SyncDesign::start(const DesignOptions& options) {
    options_ = options;
    done_.reserve(options.queueDepth + 8);
    return {};
}

Result<void> SyncDesign::submit(const IoRequest& request) {
    IoCompletion& c = done_.emplace_back();
    BlockingExecutor::execute(request, c, options_.captureExecutor, options_.trace);
    c.ranInline = true;
    return {};
}

Result<std::size_t> SyncDesign::reap(std::span<IoCompletion> out, std::size_t, int) {
    std::size_t n = 0;
    while (n < out.size() && readIndex_ < done_.size())
        out[n++] = done_[readIndex_++];
    if (readIndex_ == done_.size()) {
        done_.clear(); // keeps capacity: no allocation in steady state
        readIndex_ = 0;
    }
    return n;
}

} // namespace aioscope::engine
