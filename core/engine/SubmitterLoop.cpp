#include "engine/SubmitterLoop.h"

#include "engine/ThreadContext.h"
#include "engine/VerifyBlock.h"
#include "engine/ust/EngineTrace.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace aioscope::engine {

namespace {
constexpr std::uint64_t kSlotMask = (1u << SubmitterLoop::kSlotBits) - 1;
}

SubmitterLoop::SubmitterLoop(const Config& config, Design& design, Recorder* recorder)
    : config_(config), design_(design), recorder_(config.record ? recorder : nullptr),
      rng_(config.rngSeed ? config.rngSeed : 1) {
    const unsigned qd = config.workload.queueDepth;
    const std::size_t bs = config.workload.blockSize;
    slots_.resize(qd);
    reaped_.resize(qd);
    unflushed_.reserve(qd);
    if (::posix_memalign(&bufferArena_, 4096, bs * qd) != 0)
        bufferArena_ = nullptr;
    for (unsigned i = 0; i < qd; ++i) {
        slots_[i].buffer = static_cast<char*>(bufferArena_) + bs * i;
        freeSlots_.push_back(qd - 1 - i);
    }
    if (bufferArena_) // write payload when not verifying: any non-zero pattern
        std::memset(bufferArena_, 0x5A, bs * qd);
    if (config.workload.verify)
        blockBusy_.assign(config.blockCount, 0);
}

SubmitterLoop::~SubmitterLoop() { std::free(bufferArena_); }

std::uint64_t SubmitterLoop::nextRandom() {
    rng_ ^= rng_ << 13;
    rng_ ^= rng_ >> 7;
    rng_ ^= rng_ << 17;
    return rng_;
}

bool SubmitterLoop::canIssue() {
    if (stopIssuing_ || freeSlots_.empty() || !bufferArena_)
        return false;
    if (config_.stop && config_.stop->load(std::memory_order_relaxed))
        return false;
    if (config_.requests && issued_ >= config_.requests)
        return false;
    if (config_.deadlineNs && monotonicNowNs() >= config_.deadlineNs)
        return false;
    return true;
}

bool SubmitterLoop::step() {
    if (canIssue()) {
        issueOne();
        if (!design_.ownsLoop())
            return true; // a spare runs the loop now: its state is no longer this thread's to touch
        // fio's iodepth_batch_submit: hand the kernel every N requests
        // rather than the whole queue at once, which keeps the device busier.
        if (unflushed_.size() >= std::max(1u, config_.workload.submitBatch))
            flushIssued();
        return true;
    }
    if (inFlight_ == 0)
        return false;
    flushAndReap();
    return !(stopIssuing_ && totals_.fatalErrno == -1); // -1: the design broke, nothing will complete
}

void SubmitterLoop::issueOne() {
    const Workload& w = config_.workload;
    const unsigned slotIndex = freeSlots_.back();
    freeSlots_.pop_back();
    Slot& slot = slots_[slotIndex];
    slot.localIndex = issued_++;

    if (w.fsyncEvery && writesSinceFsync_ >= w.fsyncEvery) {
        slot.op = IoOp::Fsync;
        writesSinceFsync_ = 0;
    } else {
        unsigned rp = w.readPercent();
        slot.op = rp == 100 ? IoOp::Read : rp == 0 ? IoOp::Write : (nextRandom() & 1) ? IoOp::Read : IoOp::Write;
    }
    std::uint64_t block = 0;
    if (slot.op != IoOp::Fsync) {
        if (w.random()) {
            block = nextRandom() % config_.blockCount;
        } else {
            block = cursor_;
            cursor_ = (cursor_ + 1) % config_.blockCount;
        }
        if (!blockBusy_.empty()) {
            // Two in-flight requests on one block would race: take the next free one.
            for (std::uint64_t tries = 0; blockBusy_[block] && tries < config_.blockCount; ++tries)
                block = (block + 1) % config_.blockCount;
            blockBusy_[block] = 1;
        }
    }
    slot.block = block;
    slot.offset = (config_.firstBlock + block) * w.blockSize;
    if (slot.op == IoOp::Write) {
        ++writesSinceFsync_;
        if (w.verify)
            VerifyBlock::fill(slot.buffer, w.blockSize, slot.offset, generation_++);
    }

    IoRequest req;
    req.seq = config_.seqBase + (slot.localIndex << kSlotBits) + slotIndex;
    req.op = slot.op;
    req.fd = config_.fd;
    req.buffer = slot.buffer;
    req.length = slot.op == IoOp::Fsync ? 0 : w.blockSize;
    req.offset = slot.op == IoOp::Fsync ? 0 : slot.offset;

    RequestRecord* rec = nullptr;
    if (recorder_) {
        rec = &recorder_->record(slot.localIndex);
        *rec = RequestRecord{};
        rec->seq = req.seq;
        rec->op = req.op;
        rec->offset = req.offset;
        rec->length = req.length;
        rec->submitterTid = currentTid();
        if (config_.captureContext) {
            ContextSnapshot s = captureThreadContext();
            rec->submitterSnapshot = recorder_->addSnapshot(s);
            EngineTrace::context(req.seq, EngineTrace::kSubmitterRole, s);
        }
    }
    ++inFlight_;
    unflushed_.push_back(slot.localIndex);
    const TimeNs submitNs = monotonicNowNs();
    slot.submitNs = submitNs;
    if (rec)
        rec->submitNs = submitNs;

    Result<void> r = design_.submit(req);
    if (!design_.ownsLoop())
        return; // the loop moved to another thread while this one runs the call
    const TimeNs endNs = monotonicNowNs();
    if (rec) {
        rec->submitEndNs = endNs;
        EngineTrace::submit(req.seq, config_.design, req.op, req.fd, req.offset, req.length, rec->submitterTid,
                            submitNs, endNs);
    }
    if (!r) {
        unflushed_.pop_back();
        IoCompletion c;
        c.seq = req.seq;
        c.result = -EIO;
        c.completeNs = endNs;
        fail(-1, r.error().message);
        complete(c);
    }
}

bool SubmitterLoop::flushIssued() {
    if (unflushed_.empty())
        return true;
    const TimeNs fs = monotonicNowNs();
    Result<void> r = design_.flush();
    const TimeNs fe = monotonicNowNs();
    if (recorder_)
        for (std::uint64_t idx : unflushed_) {
            RequestRecord& rec = recorder_->record(idx);
            rec.flushStartNs = fs;
            rec.flushEndNs = fe;
        }
    unflushed_.clear();
    if (!r) {
        fail(-1, r.error().message);
        return false;
    }
    return true;
}

void SubmitterLoop::flushAndReap() {
    if (!flushIssued())
        return;
    Result<std::size_t> n = design_.reap(reaped_, 1, 250);
    if (!n) {
        fail(-1, n.error().message);
        return;
    }
    for (std::size_t i = 0; i < *n; ++i)
        complete(reaped_[i]);
}

void SubmitterLoop::fail(int err, const std::string& message) {
    stopIssuing_ = true;
    if (config_.stop)
        config_.stop->store(true, std::memory_order_relaxed); // the other submitters stop too
    if (totals_.fatalErrno == 0) {
        totals_.fatalErrno = err;
        totals_.fatalMessage = message;
    }
}

void SubmitterLoop::complete(const IoCompletion& c) {
    const Workload& w = config_.workload;
    const unsigned slotIndex = static_cast<unsigned>(c.seq & kSlotMask);
    Slot& slot = slots_[slotIndex];
    const TimeNs now = monotonicNowNs();
    --inFlight_;
    freeSlots_.push_back(slotIndex);
    if (!blockBusy_.empty() && slot.op != IoOp::Fsync)
        blockBusy_[slot.block] = 0;

    ++totals_.requests;
    completed_.store(totals_.requests, std::memory_order_relaxed);
    bool mismatch = false;
    if (c.result < 0) {
        ++totals_.errors;
        const int err = static_cast<int>(-c.result);
        fail(err, slot.op == IoOp::Fsync ? std::string("fsync")
                                         : std::string(ioOpName(slot.op)) + " at offset " + std::to_string(slot.offset));
    } else if (slot.op == IoOp::Read || slot.op == IoOp::Write) {
        totals_.bytes += static_cast<std::uint64_t>(c.result);
        if (w.verify && slot.op == IoOp::Read && c.result == w.blockSize &&
            !VerifyBlock::check(slot.buffer, w.blockSize, slot.offset)) {
            mismatch = true;
            ++totals_.verifyMismatches;
        }
    }
    if (c.continuationTid != 0)
        ++totals_.loopMoved;
    const TimeNs completeNs = c.completeNs != kNoTime ? c.completeNs : now;
    const int observer = currentTid();
    if (!recorder_)
        return;
    RequestRecord& rec = recorder_->record(slot.localIndex);
    rec.result = c.result;
    rec.executorTid = c.executorTid;
    rec.startNs = c.startNs;
    rec.endNs = c.endNs;
    rec.completeNs = completeNs;
    rec.observerTid = observer;
    rec.continuationTid = c.continuationTid;
    rec.ranInline = c.ranInline;
    rec.verifyMismatch = mismatch;
    rec.completed = true;
    if (config_.captureContext && c.executor.known != 0)
        rec.executorSnapshot = recorder_->addSnapshot(c.executor);
    if (rec.submitEndNs == kNoTime) {
        // syslet hand-off: the loop resumed elsewhere while this call blocked.
        rec.submitEndNs = c.submitReturnNs != kNoTime ? c.submitReturnNs : completeNs;
        EngineTrace::submit(rec.seq, config_.design, rec.op, config_.fd, rec.offset, rec.length, rec.submitterTid,
                            rec.submitNs, rec.submitEndNs);
    }
    EngineTrace::complete(rec.seq, rec.result, observer, completeNs, rec.executorTid, rec.startNs, rec.endNs,
                          rec.continuationTid,
                          (rec.ranInline ? EngineTrace::kFlagInline : 0u) |
                              (mismatch ? EngineTrace::kFlagVerifyMismatch : 0u));
    recorder_->publishCompleted(slot.localIndex); // last write to this record: a snapshot may read it now
}

} // namespace aioscope::engine
