#include "probes/ThreadStatus.h"

#include "probes/ThreadStatusReader.h"

#include <cstdio>

namespace aioscope::probes {

std::string ThreadStatus::summary() const {
    char buf[320];
    std::snprintf(buf, sizeof buf,
                  "tid %d (%s): fsuid %u, CapEff %016llx, nice %d, ioprio %s, cpus %s, last CPU %d",
                  static_cast<int>(tid), name.c_str(), fsuid(), static_cast<unsigned long long>(capEff), nice,
                  ThreadStatusReader::ioprioName(ioprio).c_str(), cpusAllowed.c_str(), processor);
    return buf;
}

} // namespace aioscope::probes
