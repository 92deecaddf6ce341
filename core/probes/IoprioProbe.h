#pragma once
#include "engine/FileExtents.h"
#include "probes/ExecutorAttributeProbe.h"

#include <optional>

namespace aioscope::probes {

// ioprio_set(IOPRIO_WHO_PROCESS, tid, idle class) on the submitting thread;
// the outcome is the I/O priority the request reached the block layer with:
// an O_DIRECT write, and the `ioprio` of its block_rq_insert (matched by
// disk sector through FS_IOC_FIEMAP) in the probe's kernel trace, with the
// task that inserted it. io_uring stamps the priority into the request when
// it prepares it, so the worker thread's own ioprio is not what counts.
// Without a kernel trace the cell is not observable.
class IoprioProbe : public ExecutorAttributeProbe {
public:
    ~IoprioProbe() override;
    std::string_view name() const override { return "ioprio"; }
    std::string_view change() const override { return "ioprio_set idle class on the submitting thread"; }
    Result<void> prepare(const std::string& cellDir) override;
    std::optional<engine::IoRequest> warmUp() override;
    engine::IoRequest request() override;
    void judge(const ProbeObservation& observation, ProbeCell& cell) override;
    void finish() override;

protected:
    Value readSelf() const override;
    Result<std::int64_t> changeSelf(std::int64_t original) override;
    void restoreSelf(std::int64_t original) override;
    Value fromSnapshot(const ContextSnapshot& s) const override;
    Value fromStatus(const ThreadStatus& s) const override;
    std::string describe(std::int64_t value) const override;

private:
    int directFd_ = -1;
    int warmFd_ = -1;
    std::optional<engine::FileExtents> extents_;
    std::string extentsError_;
    alignas(4096) char block_[4096];
};

} // namespace aioscope::probes
