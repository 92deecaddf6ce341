#pragma once
#include "engine/Design.h"

#include <liburing.h>
#include <vector>

namespace aioscope::engine {

// liburing, in three registered variants: default flags (inline when it can,
// else io-wq), IOSQE_ASYNC on every SQE (forced punt to iou-wrk-PID), and
// IORING_SETUP_SQPOLL (submission by iou-sqp-PID). The kernel executor is not
// visible from user space: executorTid stays 0; workers() lists the io
// threads found in /proc/self/task.
//
// The default variant sets up its ring with SINGLE_ISSUER | DEFER_TASKRUN
// when the kernel allows it. Not for speed: with DEFER_TASKRUN an io-wq
// completion is queued as work for the submitter and only reaches the CQ
// when it asks for events, so the CQEs present right after a plain submit
// are exactly the requests that ran inline, inside io_uring_enter. Without
// it a punted request that io-wq finishes before io_uring_submit returns
// looks inline too (buffered writes on ext4: ~80% of them).
class IoUringDesign : public Design {
public:
    enum class Mode { Default, Async, SqPoll };
    explicit IoUringDesign(Mode mode) : mode_(mode) {}
    ~IoUringDesign() override;
    std::string_view name() const override;
    bool supports(IoOp op) const override;
    Result<void> start(const DesignOptions& options) override;
    Result<void> submit(const IoRequest& request) override;
    Result<void> flush() override;
    Result<std::size_t> reap(std::span<IoCompletion> out, std::size_t min, int timeoutMs) override;
    Result<void> cancel(std::uint64_t seq) override;
    void stop() override;
    std::vector<WorkerInfo> workers() const override;

private:
    // user_data of our own cancel SQEs; their CQEs are not requests.
    static constexpr std::uint64_t kCancelTag = 1ull << 63;
    std::size_t drain(std::span<IoCompletion> out, std::size_t n, bool ranInline);

    Mode mode_;
    DesignOptions options_;
    io_uring ring_{};
    bool haveRing_ = false;
    unsigned unsubmitted_ = 0;
    // CQEs that were already there when io_uring_submit returned: they ran
    // inline, inside io_uring_enter, on the submitter (exactly so only with
    // deferTaskrun_; otherwise fast io-wq completions are among them).
    std::vector<IoCompletion> early_; // sized to the CQ at start: no allocation later
    std::size_t earlyCount_ = 0;
    std::size_t earlyRead_ = 0;
    pid_t creator_ = 0;
    bool deferTaskrun_ = false;
};

} // namespace aioscope::engine
