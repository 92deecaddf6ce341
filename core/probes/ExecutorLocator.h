#pragma once
#include "probes/ProbeObservation.h"

#include <functional>
#include <string>

namespace aioscope::probes {

// Which thread executed a probe's request, and how we know.
struct ExecutorSighting {
    pid_t tid = 0;    // 0: not identified
    int cpu = -1;     // CPU it ran on, when seen
    std::string basis; // the evidence, in words
    bool fromMarker = false;
    trace::live::CapturedEvent marker; // the kernel event that named it, when fromMarker
};

// Finds the executor from what the kernel recorded first (a trace event
// that only the executing thread emits, e.g. writeback_dirty_folio for the
// target inode), then from what the design saw (gettid() in its worker, or
// completion inside the submit call). Never from the design's name.
class ExecutorLocator {
public:
    using Marker = std::function<bool(const trace::live::CapturedEvent&)>;
    enum class Pick { First, Last };
    static ExecutorSighting locate(const ProbeObservation& observation, const Marker& marker, Pick pick = Pick::First);
    // From io_uring_submit_req / io_uring_queue_async_work for the probe's user_data.
    static ExecutorSighting fromIoUringEvents(const ProbeObservation& observation);
};

} // namespace aioscope::probes
