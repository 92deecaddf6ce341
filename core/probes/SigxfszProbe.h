#pragma once
#include "probes/Probe.h"

#include <csignal>
#include <sys/resource.h>

namespace aioscope::probes {

// RLIMIT_FSIZE (process-wide) below the write offset: the write fails with
// EFBIG and the kernel sends SIGXFSZ to `current`, a thread-directed signal.
// Which thread got it (a handler records gettid(); /proc SigPnd shows it
// pending where it is blocked; the trace shows signal_generate) says who
// executed: the submitter = carried, another thread or none = leak.
// Must run while no other probe runs: the limit and the handler are global.
class SigxfszProbe : public Probe {
public:
    static constexpr std::uint64_t kLimit = 4096;
    static constexpr std::uint64_t kOffset = 8192;

    ~SigxfszProbe() override;
    std::string_view name() const override { return "sigxfsz"; }
    std::string_view change() const override {
        return "RLIMIT_FSIZE below the write offset; the submitting thread is the one that should get SIGXFSZ";
    }
    IoOp op() const override { return IoOp::Write; }
    Result<void> prepare(const std::string& cellDir) override;
    std::optional<engine::IoRequest> warmUp() override;
    Result<std::string> apply() override;
    engine::IoRequest request() override;
    void judge(const ProbeObservation& observation, ProbeCell& cell) override;
    void restore() override;
    void finish() override;

private:
    int targetFd_ = -1;
    int warmFd_ = -1;
    char buffer_[4096];
    struct rlimit originalLimit_ {};
    struct sigaction originalAction_ {};
    bool limitSet_ = false;
    bool handlerSet_ = false;
};

} // namespace aioscope::probes
