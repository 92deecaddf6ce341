#pragma once
#include "engine/Design.h"
#include "engine/Recorder.h"
#include "engine/Workload.h"

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace aioscope::engine {

// One submitting thread's workload: generates requests for its region of the
// file, keeps up to queueDepth in flight through a Design, reaps, verifies and
// records. The state lives here, not on a stack, so a design may run step()
// on another thread (syslet).
class SubmitterLoop {
public:
    struct Config {
        Workload workload;
        const char* design = "";  // for tracepoints; outlives the loop
        int fd = -1;
        std::uint64_t seqBase = 0;      // high bits: design and thread
        std::uint64_t firstBlock = 0;   // this thread's region of the file
        std::uint64_t blockCount = 1;
        std::uint64_t requests = 0;     // this thread's share; 0 = until deadline
        TimeNs deadlineNs = 0;          // 0 = none
        bool record = true;             // records + tracepoints
        bool captureContext = false;    // submitter snapshot per request
        std::uint64_t rngSeed = 1;
        std::atomic<bool>* stop = nullptr; // Ctrl-C or a fatal error in any loop of the design (set on fatal)
    };
    struct Totals {
        std::uint64_t requests = 0; // completed
        std::uint64_t errors = 0;
        std::uint64_t verifyMismatches = 0;
        std::uint64_t bytes = 0;
        std::uint64_t loopMoved = 0; // syslet: the loop went on elsewhere while it blocked
        int fatalErrno = 0;     // ENOSPC, EIO, EROFS, EACCES, ... stopped the loop
        std::string fatalMessage;
    };

    SubmitterLoop(const Config& config, Design& design, Recorder* recorder);
    ~SubmitterLoop();
    SubmitterLoop(const SubmitterLoop&) = delete;
    SubmitterLoop& operator=(const SubmitterLoop&) = delete;

    // The end of a --duration, known only at the start line (0 = none).
    void setDeadline(TimeNs deadlineNs) { config_.deadlineNs = deadlineNs; }
    // One action: issue one request, or flush and reap. False when done.
    bool step();

    const Totals& totals() const { return totals_; }
    std::uint64_t issued() const { return issued_; }
    // Completed so far, readable from the progress thread.
    std::uint64_t progress() const { return completed_.load(std::memory_order_relaxed); }

    static constexpr unsigned kSlotBits = 12; // queue depth <= 4096

private:
    struct Slot {
        std::uint64_t localIndex = 0;
        std::uint64_t offset = 0;
        TimeNs submitNs = kNoTime;
        IoOp op = IoOp::Unknown;
        std::uint64_t block = 0;
        void* buffer = nullptr;
    };
    bool canIssue();
    void issueOne();
    bool flushIssued(); // false: the design failed and the loop stops issuing
    void flushAndReap();
    void complete(const IoCompletion& c);
    void fail(int err, const std::string& message);
    std::uint64_t nextRandom();

    Config config_;
    Design& design_;
    Recorder* recorder_;
    std::vector<Slot> slots_;
    std::vector<unsigned> freeSlots_;
    std::vector<std::uint64_t> unflushed_; // local indexes since the last flush
    std::vector<std::uint8_t> blockBusy_;  // verify: no two in-flight requests on a block
    std::vector<IoCompletion> reaped_;
    void* bufferArena_ = nullptr;
    std::uint64_t issued_ = 0;
    std::uint64_t inFlight_ = 0;
    std::uint64_t cursor_ = 0; // sequential position, in blocks
    std::uint64_t writesSinceFsync_ = 0;
    std::uint64_t generation_ = 1;
    std::uint64_t rng_;
    bool stopIssuing_ = false;
    Totals totals_;
    std::atomic<std::uint64_t> completed_{0};
};

} // namespace aioscope::engine
