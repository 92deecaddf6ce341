#pragma once
#include "analysis/LatencyOverTime.h"
#include "analysis/LatencyStats.h"
#include "analysis/RequestSamples.h"
#include "analysis/ThroughputSeries.h"
#include "model/ContextAttribute.h"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace aioscope {
struct Session;
}

namespace aioscope::analysis {

// One design of one run: the unit the charts overlay and the comparison rows.
struct DesignKey {
    std::size_t run = 0;
    std::string design;
    bool operator==(const DesignKey&) const = default;
};

// Everything the charts and tables show for one DesignKey.
struct DesignAnalysis {
    DesignKey key;
    std::string runName;
    RequestSamples samples;
    LatencyStats latency;
    LatencyStats submitLatency;
    LatencyStats queueWait;
    LatencyStats execution;
    ThroughputSeries throughput;
    LatencyOverTime latencyOverTime;
    std::array<std::uint64_t, static_cast<std::size_t>(ContextAttribute::Count)> leaksByAttribute{};

    std::string label() const; // "design" or "run: design"
    // The completed request of latencyOverTime bin `bin` whose latency is
    // closest to latencyNs (what a point of that chart stands for);
    // kNoRequest when the bin is empty or out of range.
    RequestId requestInLatencyBin(std::size_t bin, TimeNs latencyNs) const;
    double iops() const;
    double megabytesPerSecond() const;
};

struct AnalysisOptions {
    std::size_t timeBins = 200;
    bool labelWithRun = false; // prefix the run's name when a design appears in several runs
    std::optional<SubmitWindow> window; // only the requests of window->run submitted inside it
};

// Every (run, design) pair of the session, runs in order, designs by first request.
std::vector<DesignKey> availableDesigns(const Session& session);

// Analyses the selected keys (all when `keys` is empty); unknown keys are skipped.
std::vector<DesignAnalysis> analyzeDesigns(const Session& session, const std::vector<DesignKey>& keys,
                                           const AnalysisOptions& options = {});

} // namespace aioscope::analysis
