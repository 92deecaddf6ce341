#pragma once
#include "engine/Design.h"

#include <vector>

namespace aioscope::engine {

// Baseline: blocking pread/pwrite/fsync/openat/poll in the submitting thread.
class SyncDesign : public Design {
public:
    std::string_view name() const override { return "sync"; }
    bool supports(IoOp op) const override;
    Result<void> start(const DesignOptions& options) override;
    Result<void> submit(const IoRequest& request) override;
    Result<std::size_t> reap(std::span<IoCompletion> out, std::size_t min, int timeoutMs) override;
    void stop() override {}

private:
    DesignOptions options_;
    std::vector<IoCompletion> done_; // completed inline, not reaped yet
    std::size_t readIndex_ = 0;
};

} // namespace aioscope::engine
