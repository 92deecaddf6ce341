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
    // The kernel's side (EngineOptions::kernelTrace), merged into `run`.
    struct KernelTrace {
        bool recorded = false;
        std::string instance;         // the tracefs instance it came from
        std::uint64_t events = 0;     // of this process, read by the trackers
        std::uint64_t lost = 0;       // dropped by the kernel (buffer full): also a run warning
        std::size_t linked = 0;       // engine requests the kernel's events were linked to
        std::size_t kernelSegments = 0;
        std::size_t blockRequests = 0;
        std::size_t executorUnknown = 0; // requests with no execution segment from anyone
        std::string error;            // the capture failed for this design
        double mergeCpuSeconds = 0;   // reading the pages, tracking and merging, after the run
    } kernel;
    // One Run per design, finalized (when recorded): its hand-offs, verdicts
    // and latencies are what every view reports (VerdictSummary, LatencyStats).
    aioscope::Run run;
};

} // namespace aioscope::engine
