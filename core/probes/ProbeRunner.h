#pragma once
#include "engine/Design.h"
#include "model/LeakMatrix.h"
#include "model/Result.h"

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace aioscope::trace::live {
class LiveCapture;
}

namespace aioscope::probes {

class Probe;

using DesignFactory = std::function<Result<std::unique_ptr<engine::Design>>(std::string_view)>;

struct ProbeRunOptions {
    std::string dir;                  // parent of the scratch folder; empty: $TMPDIR or /tmp
    std::vector<std::string> designs; // names the factory knows
    std::vector<std::string> probes;  // empty: every probe
    engine::DesignOptions designOptions{.queueDepth = 8, .workers = 2};
    bool kernelTrace = true;          // record a tracefs instance per cell when possible
    int cellTimeoutMs = 20000;        // a cell that takes longer is abandoned
    std::function<void(const ProbeCell&)> onCell; // progress, after each cell
};

// Runs every (design, probe) cell serially. Each cell gets a fresh
// submitter thread: it starts the design (so workers are its children with
// its identity), warms the design up with a twin request, changes one
// attribute of itself, sends the probe request, lets the probe judge the
// kernel's outcome, restores, stops the design and exits, taking any
// unrestorable change (unshare(CLONE_FS)) with it.
class ProbeRunner {
public:
    explicit ProbeRunner(DesignFactory factory) : factory_(std::move(factory)) {}
    Result<LeakMatrix> run(const ProbeRunOptions& options);

    static std::string kernelRelease();

private:
    ProbeCell runCell(const std::string& design, const std::string& probe, const std::string& cellDir,
                      std::uint64_t seq, const ProbeRunOptions& options, trace::live::LiveCapture* capture,
                      const std::string& traceUnavailable);
    DesignFactory factory_;
};

} // namespace aioscope::probes
