#pragma once
#include "probes/ExecutorLocator.h"
#include "probes/Probe.h"

#include <csignal>

namespace aioscope::probes {

// The submitting thread blocks SIGUSR2 and tgkill()s it to itself, so it is
// pending on that thread only; then the design polls a signalfd for it. A
// signalfd's ->poll answers from the pending signals of the task calling
// it: "ready" means ->poll ran as the submitter (carried), "not ready
// before the timeout" means it ran as another task (leak). This is Zach
// Brown's IO_CMD_EPOLL_WAIT concern from 2007, measured.
class PollSignalfdProbe : public Probe {
public:
    static constexpr int kSignal = SIGUSR2;
    static constexpr int kPollTimeoutMs = 300;

    ~PollSignalfdProbe() override;
    std::string_view name() const override { return "poll-signalfd"; }
    std::string_view change() const override {
        return "SIGUSR2 blocked and pending on the submitting thread only (tgkill to its own tid)";
    }
    IoOp op() const override { return IoOp::Poll; }
    std::string unsupportedReason(std::string_view design) const override;
    Result<void> prepare(const std::string& cellDir) override;
    std::optional<engine::IoRequest> warmUp() override;
    Result<std::string> apply() override;
    engine::IoRequest request() override;
    void judge(const ProbeObservation& observation, ProbeCell& cell) override;
    void restore() override;
    void finish() override;
    bool mayNotComplete() const override { return true; }

private:
    static ExecutorSighting armedBy(const ProbeObservation& obs);
    int eventFd_ = -1;
    int signalFd_ = -1;
    sigset_t originalMask_{};
    struct sigaction originalAction_ {};
    bool masked_ = false;
    bool handlerSet_ = false;
};

} // namespace aioscope::probes
