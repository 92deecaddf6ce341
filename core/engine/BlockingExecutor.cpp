#include "engine/BlockingExecutor.h"

#include "engine/ThreadContext.h"
#include "engine/ust/EngineTrace.h"

#include <cerrno>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

namespace aioscope::engine {

std::int64_t BlockingExecutor::perform(const IoRequest& r) {
    ssize_t rc = -1;
    switch (r.op) {
    case IoOp::Read:
        rc = ::pread(r.fd, r.buffer, r.length, static_cast<off_t>(r.offset));
        break;
    case IoOp::Write:
        rc = ::pwrite(r.fd, r.buffer, r.length, static_cast<off_t>(r.offset));
        break;
    case IoOp::Fsync:
        rc = ::fsync(r.fd);
        break;
    case IoOp::Open:
        rc = ::openat(r.fd, r.path, r.openFlags | O_CLOEXEC, r.openMode);
        break;
    case IoOp::Poll: {
        pollfd p{r.fd, r.pollEvents, 0};
        int n = ::poll(&p, 1, r.pollTimeoutMs);
        if (n == 0)
            return -ETIME;
        rc = n < 0 ? -1 : p.revents;
        break;
    }
    default:
        return -EINVAL;
    }
    return rc < 0 ? -static_cast<std::int64_t>(errno) : static_cast<std::int64_t>(rc);
}

void BlockingExecutor::execute(const IoRequest& request, IoCompletion& out, bool captureExecutor, bool trace) {
    out.seq = request.seq;
    out.executorTid = currentTid();
    if (captureExecutor) {
        out.executor = captureThreadContext();
        if (trace)
            EngineTrace::context(request.seq, EngineTrace::kExecutorRole, out.executor);
    }
    out.startNs = monotonicNowNs();
    if (trace)
        EngineTrace::execStart(request.seq, out.executorTid, out.startNs);
    out.result = perform(request);
    out.endNs = monotonicNowNs();
    if (trace)
        EngineTrace::execEnd(request.seq, out.executorTid, out.result, out.endNs);
    out.completeNs = out.endNs;
}

} // namespace aioscope::engine
