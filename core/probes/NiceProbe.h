#pragma once
#include "probes/ExecutorAttributeProbe.h"

namespace aioscope::probes {

// setpriority(PRIO_PROCESS, tid, 19) on the submitting thread; the outcome
// is the nice value of the thread that executed the write.
class NiceProbe : public ExecutorAttributeProbe {
public:
    static constexpr int kNice = 19;
    std::string_view name() const override { return "nice"; }
    std::string_view change() const override { return "nice 19 on the submitting thread"; }

protected:
    Value readSelf() const override;
    Result<std::int64_t> changeSelf(std::int64_t original) override;
    void restoreSelf(std::int64_t original) override;
    Value fromSnapshot(const ContextSnapshot& s) const override;
    Value fromStatus(const ThreadStatus& s) const override;
    std::string describe(std::int64_t value) const override;
};

} // namespace aioscope::probes
