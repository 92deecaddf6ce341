#pragma once
#include "probes/ExecutorAttributeProbe.h"

namespace aioscope::probes {

// ioprio_set(IOPRIO_WHO_PROCESS, tid, idle class) on the submitting thread;
// the outcome is the ioprio of the thread that executed the write.
class IoprioProbe : public ExecutorAttributeProbe {
public:
    std::string_view name() const override { return "ioprio"; }
    std::string_view change() const override { return "ioprio_set idle class on the submitting thread"; }

protected:
    Value readSelf() const override;
    Result<std::int64_t> changeSelf(std::int64_t original) override;
    void restoreSelf(std::int64_t original) override;
    Value fromSnapshot(const ContextSnapshot& s) const override;
    Value fromStatus(const ThreadStatus& s) const override;
    std::string describe(std::int64_t value) const override;
};

} // namespace aioscope::probes
