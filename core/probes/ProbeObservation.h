#pragma once
#include "engine/Design.h"
#include "engine/IoRequest.h"
#include "probes/ThreadStatus.h"
#include "trace/live/CapturedEvent.h"

#include <string>
#include <vector>

namespace aioscope::probes {

// Everything the runner saw around one probe request, handed to the probe
// to judge: the completion (if any), this process's threads before the
// identity change and after the request, the design's workers, and the
// kernel events of this process recorded meanwhile.
struct ProbeObservation {
    std::string design;
    pid_t submitterTid = 0;
    std::uint64_t seq = 0;          // the probe request's seq (io_uring user_data)
    TimeNs changeNs = kNoTime;      // when the submitter changed its identity
    bool completed = false;
    engine::IoCompletion completion;
    std::string requestError;       // submit/reap failed or timed out
    std::vector<pid_t> threadsAtStart;       // before the design started
    std::vector<ThreadStatus> threadsBefore; // just before the identity change
    std::vector<ThreadStatus> threadsAfter;  // right after the request completed
    std::vector<engine::Design::WorkerInfo> workers;
    bool traced = false;
    std::string traceUnavailable;   // why there is no kernel trace
    std::vector<trace::live::CapturedEvent> trace;
    std::uint64_t traceLost = 0;    // events the kernel dropped during the cell

    const ThreadStatus* before(pid_t tid) const;
    const ThreadStatus* after(pid_t tid) const;
    // The thread did not exist when the submitter changed its identity
    // (it inherited the change: a leak it hides).
    // A tid absent from the list taken just before the change (and not the
    // submitter) belongs to a thread created afterwards, even if it is gone.
    bool createdAfterChange(pid_t tid) const { return tid != 0 && tid != submitterTid && !before(tid); }
    std::string threadName(pid_t tid) const; // "tid 812 (iou-wrk-800)"
    // Where the thread came from, relative to this cell: "" when it was
    // created between the design's start and the identity change.
    std::string originNote(pid_t tid) const;
    // user_data as io_uring tracepoints print it.
    std::string seqHex() const;
    // An io_uring event about the probe request (its user_data is seq).
    bool aboutRequest(const trace::live::CapturedEvent& e) const {
        return e.number("user_data") == static_cast<std::int64_t>(seq);
    }
};

} // namespace aioscope::probes
