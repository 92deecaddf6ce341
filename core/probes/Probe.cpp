#include "probes/Probe.h"

namespace aioscope::probes {

std::string Probe::unsupportedReason(std::string_view design) const {
    return std::string(design) + " has no " + ioOpName(op()) + " operation, so this probe's request cannot go through it";
}

} // namespace aioscope::probes
