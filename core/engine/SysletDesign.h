#pragma once
#include "engine/Design.h"

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace aioscope::engine {

// Syslets/threadlets in user space: a request starts in the submitter with
// RWF_NOWAIT; if it would block, the submitting thread keeps the blocking
// call (so `current` is the submitter) and the workload's submission loop
// continues on a spare thread from a set created at start(). User space
// comes back on a different thread id: the request records that thread
// (IoCompletion::continuationTid) and whoever reaps it.
//
// Outside drive() (probes submitting one request) there is no loop to move:
// a request that would block simply blocks in the submitter.
class SysletDesign : public Design {
public:
    ~SysletDesign() override;
    std::string_view name() const override { return "syslet"; }
    bool supports(IoOp op) const override;
    Result<void> start(const DesignOptions& options) override;
    Result<void> submit(const IoRequest& request) override;
    Result<std::size_t> reap(std::span<IoCompletion> out, std::size_t min, int timeoutMs) override;
    void stop() override;
    std::vector<WorkerInfo> workers() const override;
    void drive(const std::function<bool()>& step) override;
    bool ownsLoop() const override;

private:
    struct Spare {
        pid_t tid = 0;
        bool becomeHead = false;
        std::condition_variable wake; // one per spare: a hand-off wakes exactly one thread
    };
    bool tryWithoutBlocking(const IoRequest& request, IoCompletion& out);
    // Picks an idle spare and makes it the head; returns its tid or 0.
    pid_t handOffLoop();
    void runHead();
    void spareMain(std::size_t index);

    DesignOptions options_;
    std::vector<IoCompletion> inline_; // head-only: the head changes threads under mutex_
    std::size_t inlineRead_ = 0;

    mutable std::mutex mutex_;
    std::condition_variable cv_; // completions, loop end, start-up: the head and drive() wait here
    std::vector<std::thread> threads_;
    std::vector<std::unique_ptr<Spare>> spares_;
    std::vector<WorkerInfo> infos_;
    std::vector<std::size_t> idle_;
    std::vector<IoCompletion> blockedDone_;
    std::size_t blockedInFlight_ = 0;
    std::size_t startedCount_ = 0;
    const std::function<bool()>* step_ = nullptr;
    bool driving_ = false;
    bool loopDone_ = false;
    bool stopping_ = false;
};

} // namespace aioscope::engine
