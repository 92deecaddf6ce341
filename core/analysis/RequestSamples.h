#pragma once
#include "analysis/LatencyStats.h"
#include "analysis/SubmitWindow.h"
#include "model/Ids.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace aioscope {
class Run;
}

namespace aioscope::analysis {

// What a request's phases took: the time columns the charts need for the
// requests of one design in one run, pulled out in one pass over the
// request table. Only completed requests carry latencies.
struct RequestSamples {
    std::size_t run = 0;
    std::string design;
    std::uint64_t requests = 0;
    std::uint64_t completed = 0;
    std::uint64_t errors = 0;
    std::uint64_t incomplete = 0;
    std::uint64_t handOffs = 0;
    std::uint64_t leakRequests = 0;
    std::uint64_t bytes = 0;           // sum of successful results
    TimeNs firstSubmitNs = kNoTime;
    TimeNs lastCompleteNs = kNoTime;

    std::vector<TimeNs> latencyNs;        // completion - submit
    std::vector<TimeNs> completeNs;       // same order as latencyNs
    std::vector<std::uint64_t> completeBytes; // bytes moved, same order
    std::vector<RequestId> requestIds;    // same order
    // Phases, accumulated as they are read (histogram, min/max/mean only).
    LatencyStats submitLatency; // submit call duration, where known
    LatencyStats queueWait;     // queued (or submit) -> first execution
    LatencyStats execution;     // sum of execution segments

    TimeNs spanNs() const;
};

// One RequestSamples per design of the run, in order of first appearance.
// With a window on this run, only the requests submitted inside it are
// counted; every design of the run still gets its (possibly empty) entry.
std::vector<RequestSamples> collectRequestSamples(const Run& run, std::size_t runIndex,
                                                  const std::optional<SubmitWindow>& window = std::nullopt);

} // namespace aioscope::analysis
