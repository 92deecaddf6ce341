#pragma once
#include "engine/IoRequest.h"
#include "model/ProbeCell.h"
#include "model/Result.h"
#include "probes/ProbeObservation.h"

#include <optional>
#include <string>
#include <string_view>

namespace aioscope::probes {

// One probe (docs/architecture.md, "Probes"): one per-thread difference on the
// submitting thread, one request through a design, one outcome the kernel
// decides. A fresh instance serves one cell. The runner calls, in order:
//   main thread:       prepare()
//   submitter thread:  design.start(), warmUp() through the design,
//                      apply(), request() through the design, judge(),
//                      restore(), design.stop()
//   main thread:       finish()
class Probe {
public:
    virtual ~Probe() = default;
    virtual std::string_view name() const = 0;
    // The submitter's difference in words: "setfsuid(65534) on the submitting thread".
    virtual std::string_view change() const = 0;
    virtual bool needsRoot() const { return false; }
    // The operation the request uses; a design without it gets `not observable`.
    virtual IoOp op() const = 0;
    // Why the probe cannot be seen through a design lacking op().
    virtual std::string unsupportedReason(std::string_view design) const;

    // Main thread: files and directories inside cellDir (absolute path).
    virtual Result<void> prepare(const std::string& cellDir) = 0;
    // Submitter thread, before the change: the same kind of request on a
    // twin target, so lazily created workers (io-wq, glibc aio helpers)
    // exist before the identity changes.
    virtual std::optional<engine::IoRequest> warmUp() = 0;
    // Submitter thread: changes one attribute of the calling thread and
    // returns the submitter's new value in words.
    virtual Result<std::string> apply() = 0;
    virtual engine::IoRequest request() = 0;
    // Submitter thread, after the request (still changed): reads the kernel's
    // outcome and fills verdict, executorValue, outcome, reason.
    virtual void judge(const ProbeObservation& observation, ProbeCell& cell) = 0;
    // Submitter thread: undoes apply(); safe when apply() failed halfway.
    virtual void restore() = 0;
    // Main thread: undoes process-wide changes made by prepare().
    virtual void finish() {}
    // Poll probes: a request that may never complete by itself.
    virtual bool mayNotComplete() const { return false; }
};

} // namespace aioscope::probes
