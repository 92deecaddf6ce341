#pragma once
#include "engine/Design.h"

#include <libaio.h>
#include <vector>

namespace aioscope::engine {

// Native AIO through libaio: io_submit/io_getevents. Truly asynchronous only
// for O_DIRECT; buffered reads and writes complete inside io_submit (the
// submitter ran them), fsync and poll go to a kworker. No Open.
class LibaioDesign : public Design {
public:
    ~LibaioDesign() override;
    std::string_view name() const override { return "libaio"; }
    bool supports(IoOp op) const override;
    Result<void> start(const DesignOptions& options) override;
    Result<void> submit(const IoRequest& request) override;
    Result<void> flush() override;
    Result<std::size_t> reap(std::span<IoCompletion> out, std::size_t min, int timeoutMs) override;
    Result<void> cancel(std::uint64_t seq) override;
    void stop() override;

private:
    struct Slot {
        iocb cb{};
        IoOp op = IoOp::Unknown;
        bool busy = false;
    };

    DesignOptions options_;
    io_context_t ctx_{};
    bool haveCtx_ = false;
    std::vector<Slot> slots_;
    std::vector<std::size_t> free_;
    std::vector<iocb*> pending_; // prepared, not yet io_submit()ted
    std::vector<io_event> events_;
    std::vector<IoCompletion> rejected_; // refused by io_submit, reaped next
    std::size_t busyCount_ = 0;
};

} // namespace aioscope::engine
