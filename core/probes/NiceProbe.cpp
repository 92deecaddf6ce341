#include "probes/NiceProbe.h"

#include "probes/ThreadIdentity.h"

namespace aioscope::probes {

ExecutorAttributeProbe::Value NiceProbe::readSelf() const {
    auto v = ThreadIdentity::nice();
    return {v.ok(), v.ok() ? *v : 0};
}

Result<std::int64_t> NiceProbe::changeSelf(std::int64_t original) {
    if (original == kNice)
        return makeError("the submitting thread already runs at nice 19; the probe needs a difference");
    if (auto set = ThreadIdentity::setNice(kNice); !set)
        return set.error();
    return kNice;
}

// Lowering nice again needs CAP_SYS_NICE; without it the thread keeps nice
// 19, which is harmless: the runner's submitter thread exits after the probe.
void NiceProbe::restoreSelf(std::int64_t original) { (void)ThreadIdentity::setNice(static_cast<int>(original)); }

ExecutorAttributeProbe::Value NiceProbe::fromSnapshot(const ContextSnapshot& s) const {
    return {s.has(ContextSnapshot::kNice), s.nice};
}

ExecutorAttributeProbe::Value NiceProbe::fromStatus(const ThreadStatus& s) const { return {true, s.nice}; }

std::string NiceProbe::describe(std::int64_t value) const { return "nice " + std::to_string(value); }

} // namespace aioscope::probes
