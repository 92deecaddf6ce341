#include "engine/PosixAioDesign.h"

#include "engine/ThreadContext.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>

namespace aioscope::engine {

PosixAioDesign::~PosixAioDesign() { stop(); }

bool PosixAioDesign::supports(IoOp op) const {
    return op == IoOp::Read || op == IoOp::Write || op == IoOp::Fsync;
}

Result<void> PosixAioDesign::start(const DesignOptions& options) {
    options_ = options;
    std::size_t n = options.queueDepth ? options.queueDepth : 1;
    slots_.assign(n, Slot{});
    free_.clear();
    for (std::size_t i = n; i-- > 0;)
        free_.push_back(i);
    waitList_.reserve(n);
    return {};
}

Result<void> PosixAioDesign::submit(const IoRequest& r) {
    if (!supports(r.op))
        return makeError(std::string("posix-aio: ") + ioOpName(r.op) + " is not part of the POSIX AIO API");
    if (free_.empty())
        return makeError("posix-aio: more requests in flight than the queue depth");
    std::size_t i = free_.back();
    Slot& s = slots_[i];
    std::memset(&s.cb, 0, sizeof(s.cb));
    s.cb.aio_fildes = r.fd;
    s.cb.aio_buf = r.buffer;
    s.cb.aio_nbytes = r.length;
    s.cb.aio_offset = static_cast<off_t>(r.offset);
    s.cb.aio_sigevent.sigev_notify = SIGEV_NONE;
    int rc = r.op == IoOp::Read    ? ::aio_read(&s.cb)
             : r.op == IoOp::Write ? ::aio_write(&s.cb)
                                   : ::aio_fsync(O_SYNC, &s.cb);
    if (rc != 0)
        return makeError(std::string("posix-aio: submit failed: ") + std::strerror(errno));
    free_.pop_back();
    s.seq = r.seq;
    s.busy = true;
    ++busyCount_;
    return {};
}

std::size_t PosixAioDesign::collect(std::span<IoCompletion> out, std::size_t n) {
    for (std::size_t i = 0; i < slots_.size() && n < out.size(); ++i) {
        Slot& s = slots_[i];
        if (!s.busy)
            continue;
        int err = ::aio_error(&s.cb);
        if (err == EINPROGRESS)
            continue;
        // Read per request: one read before the scan would date a request
        // that finished during it (a helper thread ran while this one was
        // preempted) before its helper's pwrite had even begun.
        const TimeNs now = monotonicNowNs();
        ssize_t res = ::aio_return(&s.cb);
        IoCompletion& c = out[n++];
        c = IoCompletion{};
        c.seq = s.seq;
        c.result = err == 0 ? static_cast<std::int64_t>(res) : -static_cast<std::int64_t>(err);
        c.completeNs = now;
        s.busy = false;
        --busyCount_;
        free_.push_back(i);
    }
    return n;
}

Result<std::size_t> PosixAioDesign::reap(std::span<IoCompletion> out, std::size_t min, int timeoutMs) {
    std::size_t n = collect(out, 0);
    const std::size_t need = std::min(min, out.size());
    const TimeNs deadline = timeoutMs < 0 ? 0 : monotonicNowNs() + TimeNs(timeoutMs) * 1'000'000;
    while (n < need && busyCount_ > 0) {
        // A short wait list, like fio: glibc's aio_suspend registers on every
        // entry under the lock its helper threads need to pick up work.
        waitList_.clear();
        for (auto& s : slots_)
            if (s.busy && waitList_.size() < kSuspendEntries)
                waitList_.push_back(&s.cb);
        timespec ts{};
        const timespec* tp = nullptr;
        if (timeoutMs >= 0) {
            TimeNs left = deadline - monotonicNowNs();
            if (left <= 0)
                break;
            ts.tv_sec = left / 1'000'000'000;
            ts.tv_nsec = left % 1'000'000'000;
            tp = &ts;
        }
        int rc = ::aio_suspend(waitList_.data(), static_cast<int>(waitList_.size()), tp);
        if (rc != 0 && errno == EAGAIN)
            break; // timed out
        n = collect(out, n);
    }
    return n;
}

Result<void> PosixAioDesign::cancel(std::uint64_t seq) {
    for (auto& s : slots_)
        if (s.busy && s.seq == seq)
            ::aio_cancel(s.cb.aio_fildes, &s.cb);
    return {};
}

void PosixAioDesign::stop() {
    // Requests still in flight must finish before their aiocbs go away.
    for (auto& s : slots_) {
        if (!s.busy)
            continue;
        const aiocb* list[1] = {&s.cb};
        while (::aio_error(&s.cb) == EINPROGRESS)
            ::aio_suspend(list, 1, nullptr);
        (void)::aio_return(&s.cb);
        s.busy = false;
    }
    busyCount_ = 0;
}

} // namespace aioscope::engine
