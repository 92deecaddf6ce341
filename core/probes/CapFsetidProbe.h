#pragma once
#include "probes/Probe.h"

namespace aioscope::probes {

// The submitting thread drops CAP_FSETID from its effective set; the design
// writes to a set-user-ID file. The kernel clears the bit on write when the
// writing thread lacks CAP_FSETID (file_remove_privs, the old remove_suid):
// bit cleared = carried, bit kept = leak.
class CapFsetidProbe : public Probe {
public:
    ~CapFsetidProbe() override;
    std::string_view name() const override { return "cap-fsetid"; }
    std::string_view change() const override { return "CAP_FSETID dropped from the submitting thread's effective set"; }
    bool needsRoot() const override { return true; }
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
    std::string targetPath_;
    char buffer_[512];
    std::uint64_t originalCaps_ = 0;
    bool changed_ = false;
};

} // namespace aioscope::probes
