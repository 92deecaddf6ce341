#pragma once
#include "trace/TraceReader.h"

#include <cstdint>
#include <sys/types.h>
#include <unordered_set>
#include <vector>

namespace aioscope::trace::live {

// Passes on the events that belong to the watched processes: events of
// their threads (the seed tids, and every task one of them created, io
// threads included: task_newtask and sched_process_fork name the child in
// the parent's event, before the child runs); sched_switch/sched_wakeup*
// naming one of them; the block layer's issue and completion of requests
// one of them inserted (they happen in kblockd or in an interrupt); and the
// kworker's execution of work one of them queued (aio fsync). The capture
// records system-wide because the kernel's own pid filter does not follow
// io threads (create_io_thread emits no sched_process_fork); events arrive
// here in time order, so a parent's event always comes before its child's.
class ProcessFollower : public RawEventSink {
public:
    ProcessFollower(RawEventSink& downstream, const std::vector<pid_t>& seedTids);
    // The threads of `pid` as /proc/<pid>/task lists them now.
    static std::vector<pid_t> threadsOf(pid_t pid);

    void onEvent(const RawEvent& event) override;
    void onWarning(const ImportWarning& warning) override { downstream_.onWarning(warning); }
    bool wantsFields(std::string_view, std::string_view) override { return true; }

    bool follows(pid_t tid) const { return tids_.count(tid) != 0; }
    std::uint64_t passed() const { return passed_; }
    std::uint64_t skipped() const { return skipped_; }

private:
    bool belongs(const RawEvent& e);
    RawEventSink& downstream_;
    std::unordered_set<pid_t> tids_;
    std::unordered_set<std::uint64_t> blockRequests_; // dev/sector of requests our threads inserted or issued
    std::unordered_set<std::uint64_t> works_;         // work_struct pointers our threads queued
    std::uint64_t passed_ = 0;
    std::uint64_t skipped_ = 0;
};

} // namespace aioscope::trace::live
