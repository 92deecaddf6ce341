#include "probes/IoprioProbe.h"

#include "probes/ThreadIdentity.h"
#include "probes/ThreadStatusReader.h"

namespace aioscope::probes {

ExecutorAttributeProbe::Value IoprioProbe::readSelf() const {
    int v = ThreadIdentity::ioprio();
    return {v >= 0, v};
}

Result<std::int64_t> IoprioProbe::changeSelf(std::int64_t) {
    int idle = ThreadIdentity::makeIoprio(ThreadIdentity::kIoprioClassIdle, 0);
    if (auto set = ThreadIdentity::setIoprio(idle); !set)
        return set.error();
    return idle;
}

void IoprioProbe::restoreSelf(std::int64_t original) { (void)ThreadIdentity::setIoprio(static_cast<int>(original)); }

ExecutorAttributeProbe::Value IoprioProbe::fromSnapshot(const ContextSnapshot& s) const {
    return {s.has(ContextSnapshot::kIoprio), s.ioprio};
}

ExecutorAttributeProbe::Value IoprioProbe::fromStatus(const ThreadStatus& s) const { return {s.ioprio >= 0, s.ioprio}; }

std::string IoprioProbe::describe(std::int64_t value) const {
    return "ioprio " + ThreadStatusReader::ioprioName(static_cast<int>(value));
}

} // namespace aioscope::probes
