#pragma once
#include "probes/Probe.h"

namespace aioscope::probes {

// Common shape of the ioprio, nice and affinity probes: the submitter
// changes one scheduling attribute, the design writes one fresh page of a
// file, the kernel trace (writeback_dirty_folio for that inode) or the
// design names the thread that dirtied it, and that thread's attribute is
// compared with the submitter's.
class ExecutorAttributeProbe : public Probe {
public:
    ~ExecutorAttributeProbe() override;
    IoOp op() const override { return IoOp::Write; }
    Result<void> prepare(const std::string& cellDir) override;
    std::optional<engine::IoRequest> warmUp() override;
    Result<std::string> apply() override;
    engine::IoRequest request() override;
    void judge(const ProbeObservation& observation, ProbeCell& cell) override;
    void restore() override;
    void finish() override;

protected:
    struct Value {
        bool known = false;
        std::int64_t value = 0;
    };
    // The calling thread's value, and the change (returns the new value).
    virtual Value readSelf() const = 0;
    virtual Result<std::int64_t> changeSelf(std::int64_t original) = 0;
    virtual void restoreSelf(std::int64_t original) = 0;
    virtual Value fromSnapshot(const ContextSnapshot& s) const = 0;
    virtual Value fromStatus(const ThreadStatus& s) const = 0;
    virtual std::string describe(std::int64_t value) const = 0;
    // Extra words about the executor (affinity adds the CPU it ran on).
    virtual std::string executorExtra(int cpu) const { return {}; }

    std::int64_t original_ = 0;
    std::int64_t changed_ = 0;

private:
    int targetFd_ = -1;
    int warmFd_ = -1;
    unsigned long targetInode_ = 0;
    char buffer_[4096];
    bool applied_ = false;
};

} // namespace aioscope::probes
