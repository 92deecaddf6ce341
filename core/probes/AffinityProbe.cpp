#include "probes/AffinityProbe.h"

#include "probes/ThreadIdentity.h"

#include <bit>

namespace aioscope::probes {

ExecutorAttributeProbe::Value AffinityProbe::readSelf() const {
    std::uint64_t mask = ThreadIdentity::affinityMask(0);
    return {mask != 0, static_cast<std::int64_t>(mask)};
}

Result<std::int64_t> AffinityProbe::changeSelf(std::int64_t original) {
    auto mask = static_cast<std::uint64_t>(original);
    if (std::popcount(mask) < 2)
        return makeError("the submitting thread may run on one CPU only (" + ThreadIdentity::maskToList(mask) +
                         "): pinning it would change nothing");
    int cpu = 63 - std::countl_zero(mask);
    if (auto set = ThreadIdentity::pinToCpu(cpu); !set)
        return set.error();
    return static_cast<std::int64_t>(1ull << cpu);
}

void AffinityProbe::restoreSelf(std::int64_t original) {
    (void)ThreadIdentity::setAffinityMask(static_cast<std::uint64_t>(original));
}

ExecutorAttributeProbe::Value AffinityProbe::fromSnapshot(const ContextSnapshot& s) const {
    return {s.has(ContextSnapshot::kAffinity), static_cast<std::int64_t>(s.affinityMask)};
}

ExecutorAttributeProbe::Value AffinityProbe::fromStatus(const ThreadStatus& s) const {
    std::uint64_t mask = ThreadIdentity::affinityMask(s.tid);
    return {mask != 0, static_cast<std::int64_t>(mask)};
}

std::string AffinityProbe::describe(std::int64_t value) const {
    return "CPUs " + ThreadIdentity::maskToList(static_cast<std::uint64_t>(value));
}

std::string AffinityProbe::executorExtra(int cpu) const {
    return cpu >= 0 ? ", ran on CPU " + std::to_string(cpu) : std::string();
}

} // namespace aioscope::probes
