#pragma once
#include "probes/ExecutorAttributeProbe.h"

namespace aioscope::probes {

// sched_setaffinity pins the submitting thread to its highest allowed CPU;
// the outcome is the CPU mask of the thread that executed the write (and
// the CPU it ran on, from the trace).
class AffinityProbe : public ExecutorAttributeProbe {
public:
    std::string_view name() const override { return "affinity"; }
    std::string_view change() const override { return "submitting thread pinned to one CPU"; }

protected:
    Value readSelf() const override;
    Result<std::int64_t> changeSelf(std::int64_t original) override;
    void restoreSelf(std::int64_t original) override;
    Value fromSnapshot(const ContextSnapshot& s) const override;
    Value fromStatus(const ThreadStatus& s) const override;
    std::string describe(std::int64_t value) const override;
    std::string executorExtra(int cpu) const override;
};

} // namespace aioscope::probes
