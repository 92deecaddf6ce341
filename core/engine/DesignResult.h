#pragma once
#include "model/Run.h"

#include <cstdint>
#include <string>

namespace aioscope::engine {

// What one design did with the workload.
struct DesignResult {
    std::string design;
    std::uint64_t requests = 0; // completed
    std::uint64_t errors = 0;
    std::uint64_t verifyMismatches = 0;
    std::uint64_t loopMoved = 0;     // syslet: user space came back on another thread
    std::uint64_t bytes = 0;
    double seconds = 0;
    double iops = 0;
    double mbPerS = 0; // 10^6 bytes per second
    // Non-empty when an error stopped the design (ENOSPC, EIO, ...); the
    // requests recorded so far are kept in `run`.
    std::string error;
    int errorErrno = 0;
    bool recorded = false;
    // One Run per design, finalized (when recorded): its hand-offs, verdicts
    // and latencies are what every view reports (VerdictSummary, LatencyStats).
    aioscope::Run run;
};

} // namespace aioscope::engine
