#pragma once
#include "probes/Probe.h"

namespace aioscope::probes {

// setfsuid(nobody) on the submitting thread, then the design creates a file
// in a root-only (0700) directory: EACCES means the kernel checked the
// submitter's fsuid (carried); a file owned by root means it checked a
// thread still running as root (leak).
class FsuidProbe : public Probe {
public:
    static constexpr std::uint32_t kNobody = 65534;

    std::string_view name() const override { return "fsuid"; }
    std::string_view change() const override { return "setfsuid(65534) on the submitting thread only"; }
    bool needsRoot() const override { return true; }
    IoOp op() const override { return IoOp::Open; }
    std::string unsupportedReason(std::string_view design) const override;
    Result<void> prepare(const std::string& cellDir) override;
    std::optional<engine::IoRequest> warmUp() override;
    Result<std::string> apply() override;
    engine::IoRequest request() override;
    void judge(const ProbeObservation& observation, ProbeCell& cell) override;
    void restore() override;

private:
    std::string warmPath_;
    std::string targetPath_;
    std::uint32_t originalFsuid_ = 0;
    bool changed_ = false;
};

} // namespace aioscope::probes
