#pragma once
#include "engine/IoRequest.h"
#include "model/Result.h"

#include <functional>
#include <span>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace aioscope::engine {

struct DesignOptions {
    unsigned queueDepth = 32;
    unsigned workers = 4;   // pool designs
    bool direct = false;    // files opened O_DIRECT (affects libaio/io_uring behaviour)
    bool captureExecutor = true; // user-space executors snapshot their identity per request
    unsigned sqpollIdleMs = 50;  // io_uring-sqpoll: kernel thread idle time before it sleeps
    bool trace = true;           // user-space executors emit aioscope:exec_* tracepoints
};

// One way of making I/O asynchronous (docs/architecture.md, "Designs and workloads"). A tenth design
// is one new file implementing this and one line in DesignRegistry.
//
// Threading: start(), submit(), reap() and cancel() are called from one
// submitting thread per Design instance (each submitter gets its own
// instance, except where a design shares a pool on purpose).
class Design {
public:
    virtual ~Design() = default;
    virtual std::string_view name() const = 0;
    virtual bool supports(IoOp op) const = 0;

    // Called before start(): use the workers of `first` (same design, already
    // started by another submitter) instead of creating new ones, so several
    // submitters share one pool. False when the design has nothing to share.
    virtual bool shareWorkersWith(Design& first) { return false; }

    // Creates rings, pools and workers. Probes rely on this: every worker
    // exists before the submitter changes its identity.
    virtual Result<void> start(const DesignOptions& options) = 0;
    // Queues one request; may run it inline (sync, syslet, io_uring inline).
    virtual Result<void> submit(const IoRequest& request) = 0;
    // Makes queued submissions visible to the kernel (io_uring_submit, io_submit batch).
    virtual Result<void> flush() { return {}; }
    // Waits for at least `min` completions (up to out.size()), at most
    // timeoutMs (-1 = forever). Returns how many were written.
    virtual Result<std::size_t> reap(std::span<IoCompletion> out, std::size_t min, int timeoutMs) = 0;
    // Cancels a pending request (a poll that never fired); best effort.
    virtual Result<void> cancel(std::uint64_t seq) { return {}; }
    // Tears down workers/rings; waits for in-flight requests.
    virtual void stop() = 0;

    // Threads this design created, with who created them and when (probe
    // evidence). Kernel designs list what they can see (iou-wrk-*, iou-sqp-*).
    struct WorkerInfo {
        pid_t tid = 0;
        pid_t createdBy = 0;
        TimeNs createdNs = kNoTime;
        std::string_view role; // "pool worker", "aio helper", "spare thread"
    };
    virtual std::vector<WorkerInfo> workers() const { return {}; }

    // Runs the workload's submission loop: `step` does one small action
    // (submit one request or reap) and returns false when the loop is done.
    // Most designs just call it on this thread; syslet moves the loop to a
    // spare thread whenever a request blocks (user space changes threads).
    // Returns when the loop is done and all loop threads are idle.
    virtual void drive(const std::function<bool()>& step) {
        while (step()) {
        }
    }
    // False right after a submit() during which the submission loop moved to
    // another thread (syslet): the caller must return from `step` at once,
    // touching no loop state, since another thread now runs the loop.
    virtual bool ownsLoop() const { return true; }
};

} // namespace aioscope::engine
