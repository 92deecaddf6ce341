#pragma once
#include "probes/ProbeObservation.h"

#include <string>

namespace aioscope::probes {

// The part of a cell's evidence every probe shares, one fact per line: who
// created the submitter and the workers and when (relative to the identity
// change), which threads appeared after the change, and the kernel trace
// lines of this process recorded during the probe.
class ProbeEvidence {
public:
    static constexpr std::size_t kMaxTraceLines = 40;
    static std::string describe(const ProbeObservation& obs, pid_t runnerTid, TimeNs designStartNs,
                                const std::string& warmNote, const std::string& cancelNote);
};

} // namespace aioscope::probes
