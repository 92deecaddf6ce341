#include "engine/IoUringDesign.h"

#include "engine/ThreadContext.h"

#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <fstream>
#include <string>

namespace aioscope::engine {

IoUringDesign::~IoUringDesign() { stop(); }

std::string_view IoUringDesign::name() const {
    switch (mode_) {
    case Mode::Async:
        return "io_uring-async";
    case Mode::SqPoll:
        return "io_uring-sqpoll";
    default:
        return "io_uring";
    }
}

bool IoUringDesign::supports(IoOp op) const {
    return op == IoOp::Read || op == IoOp::Write || op == IoOp::Fsync || op == IoOp::Open || op == IoOp::Poll;
}

Result<void> IoUringDesign::start(const DesignOptions& options) {
    options_ = options;
    creator_ = currentTid();
    unsigned entries = std::max(8u, options.queueDepth * 2); // room for cancels
    io_uring_params p{};
    if (mode_ == Mode::SqPoll) {
        p.flags |= IORING_SETUP_SQPOLL;
        p.sq_thread_idle = options.sqpollIdleMs;
    }
    int rc = -EINVAL;
    if (mode_ == Mode::Default) {
        io_uring_params deferred = p;
        deferred.flags |= IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN;
        rc = ::io_uring_queue_init_params(entries, &ring_, &deferred);
        deferTaskrun_ = rc == 0;
        if (rc == 0)
            p = deferred;
    }
    if (rc == -EINVAL) // kernels before 6.1 refuse DEFER_TASKRUN
        rc = ::io_uring_queue_init_params(entries, &ring_, &p);
    if (rc < 0) {
        std::string msg = std::string(name()) + ": io_uring_queue_init failed: " + std::strerror(-rc);
        if (rc == -EPERM && mode_ == Mode::SqPoll)
            msg += " (SQPOLL needs root or CAP_SYS_NICE)";
        if (rc == -EPERM || rc == -ENOSYS)
            msg += " (io_uring disabled? see /proc/sys/kernel/io_uring_disabled)";
        return makeError(msg);
    }
    haveRing_ = true;
    early_.resize(p.cq_entries);
    return {};
}

Result<void> IoUringDesign::submit(const IoRequest& r) {
    io_uring_sqe* sqe = ::io_uring_get_sqe(&ring_);
    if (!sqe) {
        // SQ full: push what we have and try once more.
        if (auto f = flush(); !f)
            return f;
        sqe = ::io_uring_get_sqe(&ring_);
        if (!sqe)
            return makeError(std::string(name()) + ": submission queue full");
    }
    switch (r.op) {
    case IoOp::Read:
        ::io_uring_prep_read(sqe, r.fd, r.buffer, r.length, r.offset);
        break;
    case IoOp::Write:
        ::io_uring_prep_write(sqe, r.fd, r.buffer, r.length, r.offset);
        break;
    case IoOp::Fsync:
        ::io_uring_prep_fsync(sqe, r.fd, 0);
        break;
    case IoOp::Open:
        ::io_uring_prep_openat(sqe, r.fd, r.path, r.openFlags | O_CLOEXEC, r.openMode);
        break;
    case IoOp::Poll:
        ::io_uring_prep_poll_add(sqe, r.fd, static_cast<unsigned>(r.pollEvents));
        break;
    default:
        return makeError(std::string(name()) + ": unsupported op");
    }
    if (mode_ == Mode::Async)
        sqe->flags |= IOSQE_ASYNC;
    ::io_uring_sqe_set_data64(sqe, r.seq);
    ++unsubmitted_;
    return {};
}

Result<void> IoUringDesign::flush() {
    if (unsubmitted_ == 0)
        return {};
    int rc;
    do {
        rc = ::io_uring_submit(&ring_);
    } while (rc == -EINTR || rc == -EAGAIN);
    unsubmitted_ = 0;
    if (rc < 0)
        return makeError(std::string(name()) + ": io_uring_submit failed: " + std::strerror(-rc));
    if (mode_ == Mode::Default) {
        // Whatever already completed ran inside io_uring_enter, on this thread.
        earlyCount_ += drain(std::span(early_).subspan(earlyCount_), 0, true);
    }
    return {};
}

std::size_t IoUringDesign::drain(std::span<IoCompletion> out, std::size_t n, bool ranInline) {
    io_uring_cqe* cqe;
    const TimeNs now = monotonicNowNs();
    unsigned head;
    unsigned seen = 0;
    io_uring_for_each_cqe(&ring_, head, cqe) {
        if (n == out.size())
            break;
        ++seen;
        std::uint64_t data = ::io_uring_cqe_get_data64(cqe);
        if (data & kCancelTag)
            continue;
        IoCompletion& c = out[n++];
        c = IoCompletion{};
        c.seq = data;
        c.result = cqe->res;
        c.completeNs = now;
        c.ranInline = ranInline;
    }
    ::io_uring_cq_advance(&ring_, seen);
    return n;
}

Result<std::size_t> IoUringDesign::reap(std::span<IoCompletion> out, std::size_t min, int timeoutMs) {
    if (auto f = flush(); !f)
        return f.error();
    std::size_t n = 0;
    while (n < out.size() && earlyRead_ < earlyCount_)
        out[n++] = early_[earlyRead_++];
    if (earlyRead_ == earlyCount_)
        earlyRead_ = earlyCount_ = 0;
    n = drain(out, n, false);
    const std::size_t need = std::min(min, out.size());
    // Deferred completions reach the CQ only when we ask for events; waiting
    // below asks, but a reap that will not wait must ask on its own.
    if (deferTaskrun_ && n >= need && n < out.size()) {
        ::io_uring_get_events(&ring_);
        n = drain(out, n, false);
    }
    const TimeNs deadline = timeoutMs < 0 ? 0 : monotonicNowNs() + TimeNs(timeoutMs) * 1'000'000;
    while (n < need) {
        io_uring_cqe* cqe = nullptr;
        int rc;
        if (timeoutMs < 0) {
            rc = ::io_uring_wait_cqe(&ring_, &cqe);
        } else {
            TimeNs left = deadline - monotonicNowNs();
            if (left <= 0)
                break;
            __kernel_timespec ts{left / 1'000'000'000, left % 1'000'000'000};
            rc = ::io_uring_wait_cqe_timeout(&ring_, &cqe, &ts);
            if (rc == -ETIME)
                break;
        }
        if (rc == -EINTR)
            continue;
        if (rc < 0)
            return makeError(std::string(name()) + ": waiting for completions failed: " + std::strerror(-rc));
        n = drain(out, n, false);
    }
    return n;
}

Result<void> IoUringDesign::cancel(std::uint64_t seq) {
    io_uring_sqe* sqe = ::io_uring_get_sqe(&ring_);
    if (!sqe)
        return makeError(std::string(name()) + ": submission queue full, cannot cancel");
    ::io_uring_prep_cancel64(sqe, seq, 0);
    ::io_uring_sqe_set_data64(sqe, seq | kCancelTag);
    ++unsubmitted_;
    return flush();
}

void IoUringDesign::stop() {
    if (!haveRing_)
        return;
    ::io_uring_queue_exit(&ring_); // cancels and waits for whatever is in flight
    haveRing_ = false;
}

std::vector<Design::WorkerInfo> IoUringDesign::workers() const {
    std::vector<WorkerInfo> out;
    DIR* d = ::opendir("/proc/self/task");
    if (!d)
        return out;
    while (dirent* e = ::readdir(d)) {
        if (e->d_name[0] == '.')
            continue;
        std::ifstream in(std::string("/proc/self/task/") + e->d_name + "/comm");
        std::string comm;
        std::getline(in, comm);
        WorkerInfo w;
        if (comm.rfind("iou-wrk-", 0) == 0)
            w.role = "io-wq worker";
        else if (comm.rfind("iou-sqp-", 0) == 0)
            w.role = "sqpoll thread";
        else
            continue;
        w.tid = std::atoi(e->d_name);
        out.push_back(w);
    }
    ::closedir(d);
    return out;
}

} // namespace aioscope::engine
