#pragma once
#include "probes/Probe.h"

namespace aioscope::probes {

// The submitting thread unshares its fs_struct and chdirs to directory A
// while the process cwd is directory B; both hold a file of the same name
// with different content. The design opens the relative name: the file it
// got says whose cwd the kernel resolved it against.
class CwdProbe : public Probe {
public:
    static constexpr const char* kFileName = "probe-target.txt";
    ~CwdProbe() override;
    std::string_view name() const override { return "cwd"; }
    std::string_view change() const override { return "unshare(CLONE_FS) + chdir on the submitting thread"; }
    IoOp op() const override { return IoOp::Open; }
    std::string unsupportedReason(std::string_view design) const override;
    Result<void> prepare(const std::string& cellDir) override;
    std::optional<engine::IoRequest> warmUp() override;
    Result<std::string> apply() override;
    engine::IoRequest request() override;
    void judge(const ProbeObservation& observation, ProbeCell& cell) override;
    void restore() override {} // the unshared fs_struct dies with the submitter thread
    void finish() override;

private:
    std::string submitterDir_;
    std::string processDir_;
    int savedCwd_ = -1;
};

} // namespace aioscope::probes
