#pragma once
#include "engine/DesignResult.h"
#include "engine/Engine.h"

#include <atomic>
#include <sys/types.h>
#include <vector>
#include <string>

namespace aioscope::trace::live {
class LiveCapture;
}

namespace aioscope::engine {

// Runs one design over the workload: one thread per submitter, each with its
// own Design instance started before a common go, its own fd on the data
// file, Recorder and SubmitterLoop; then gathers totals, latency percentiles
// and the model Run.
class DesignRunner {
public:
    DesignRunner(const EngineOptions& options, std::string design, unsigned designIndex, std::string dataFile)
        : options_(options), design_(std::move(design)), designIndex_(designIndex), dataFile_(std::move(dataFile)) {}
    // `interrupt` is polled (Ctrl-C); it never blocks past in-flight requests.
    DesignResult run(const std::atomic<bool>& interrupt);
    // Records the kernel's side of the run on this capture and merges it.
    void setKernelCapture(trace::live::LiveCapture* capture) { capture_ = capture; }

private:
    const EngineOptions& options_;
    std::string design_;
    unsigned designIndex_;
    std::string dataFile_;
    trace::live::LiveCapture* capture_ = nullptr;
    std::vector<pid_t> follow_; // the threads the capture follows from its start
    void mergeKernel(DesignResult& result);
};

} // namespace aioscope::engine
