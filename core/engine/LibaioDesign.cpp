#include "engine/LibaioDesign.h"

#include "engine/ThreadContext.h"

#include <cerrno>
#include <cstring>

namespace aioscope::engine {

LibaioDesign::~LibaioDesign() { stop(); }

bool LibaioDesign::supports(IoOp op) const {
    return op == IoOp::Read || op == IoOp::Write || op == IoOp::Fsync || op == IoOp::Poll;
}

Result<void> LibaioDesign::start(const DesignOptions& options) {
    options_ = options;
    std::size_t n = options.queueDepth ? options.queueDepth : 1;
    int rc = ::io_setup(static_cast<int>(n), &ctx_);
    if (rc < 0)
        return makeError(std::string("libaio: io_setup failed: ") + std::strerror(-rc) +
                         (rc == -EAGAIN ? " (raise /proc/sys/fs/aio-max-nr)" : ""));
    haveCtx_ = true;
    slots_.assign(n, Slot{});
    free_.clear();
    for (std::size_t i = n; i-- > 0;)
        free_.push_back(i);
    pending_.reserve(n);
    rejected_.reserve(n);
    events_.resize(n);
    return {};
}

Result<void> LibaioDesign::submit(const IoRequest& r) {
    if (!supports(r.op))
        return makeError(std::string("libaio: ") + ioOpName(r.op) + " has no IOCB command");
    if (free_.empty())
        return makeError("libaio: more requests in flight than the queue depth");
    std::size_t i = free_.back();
    free_.pop_back();
    Slot& s = slots_[i];
    switch (r.op) {
    case IoOp::Read:
        ::io_prep_pread(&s.cb, r.fd, r.buffer, r.length, static_cast<long long>(r.offset));
        break;
    case IoOp::Write:
        ::io_prep_pwrite(&s.cb, r.fd, r.buffer, r.length, static_cast<long long>(r.offset));
        break;
    case IoOp::Fsync:
        ::io_prep_fsync(&s.cb, r.fd);
        break;
    default:
        ::io_prep_poll(&s.cb, r.fd, r.pollEvents);
        break;
    }
    s.cb.data = reinterpret_cast<void*>(static_cast<std::uintptr_t>(r.seq));
    s.op = r.op;
    s.busy = true;
    ++busyCount_;
    pending_.push_back(&s.cb);
    return {};
}

Result<void> LibaioDesign::flush() {
    std::size_t done = 0;
    while (done < pending_.size()) {
        int rc = ::io_submit(ctx_, static_cast<long>(pending_.size() - done), pending_.data() + done);
        if (rc == -EAGAIN || rc == -EINTR)
            continue;
        if (rc < 0) {
            // io_submit rejected the first iocb of the rest (EBADF, EINVAL...):
            // that request completes with the error, the others go on.
            auto* slot = reinterpret_cast<Slot*>(pending_[done]); // cb is the first member
            IoCompletion c;
            c.seq = static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(slot->cb.data));
            c.result = rc;
            c.completeNs = monotonicNowNs();
            c.ranInline = true; // refused inside io_submit, on the submitter
            rejected_.push_back(c);
            slot->busy = false;
            --busyCount_;
            free_.push_back(static_cast<std::size_t>(slot - slots_.data()));
            ++done;
            continue;
        }
        done += static_cast<std::size_t>(rc);
    }
    pending_.clear();
    return {};
}

Result<std::size_t> LibaioDesign::reap(std::span<IoCompletion> out, std::size_t min, int timeoutMs) {
    std::size_t first = 0;
    while (first < out.size() && !rejected_.empty()) {
        out[first++] = rejected_.back();
        rejected_.pop_back();
    }
    if (busyCount_ == 0 || first == out.size())
        return first;
    out = out.subspan(first);
    long want = static_cast<long>(std::min(out.size(), events_.size()));
    long need = first > 0 ? 0 : std::min<long>(static_cast<long>(min), want);
    timespec ts{timeoutMs / 1000, (timeoutMs % 1000) * 1'000'000L};
    int rc;
    do {
        rc = ::io_getevents(ctx_, need, want, events_.data(), timeoutMs < 0 ? nullptr : &ts);
    } while (rc == -EINTR);
    if (rc < 0)
        return makeError(std::string("libaio: io_getevents failed: ") + std::strerror(-rc));
    const TimeNs now = monotonicNowNs();
    for (int k = 0; k < rc; ++k) {
        const io_event& e = events_[static_cast<std::size_t>(k)];
        auto* slot = reinterpret_cast<Slot*>(e.obj); // cb is the first member
        auto idx = static_cast<std::size_t>(slot - slots_.data());
        IoCompletion& c = out[static_cast<std::size_t>(k)];
        c = IoCompletion{};
        c.seq = static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(e.data));
        c.result = static_cast<long>(e.res); // negative errno on failure
        c.completeNs = now;
        // Buffered reads and writes run inside io_submit, in the submitter.
        c.ranInline = !options_.direct && (slot->op == IoOp::Read || slot->op == IoOp::Write);
        slot->busy = false;
        --busyCount_;
        free_.push_back(idx);
    }
    return first + static_cast<std::size_t>(rc);
}

Result<void> LibaioDesign::cancel(std::uint64_t seq) {
    for (auto& s : slots_) {
        if (!s.busy || reinterpret_cast<std::uintptr_t>(s.cb.data) != seq)
            continue;
        io_event ev{};
        ::io_cancel(ctx_, &s.cb, &ev); // on success the completion still arrives through io_getevents
    }
    return {};
}

void LibaioDesign::stop() {
    if (!haveCtx_)
        return;
    // io_destroy waits for in-flight requests and frees the context.
    ::io_destroy(ctx_);
    haveCtx_ = false;
    busyCount_ = 0;
}

} // namespace aioscope::engine
