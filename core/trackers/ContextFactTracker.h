#pragma once
#include "model/ContextAttribute.h"
#include "model/ContextFact.h"
#include "model/Ids.h"
#include "trackers/Tracker.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace aioscope::trackers {

// The trace's evidence of what context each thread had or the kernel
// consulted, as ContextFacts (RunDerivation turns them into verdicts):
// - sched_switch prev_prio/next_prio: CpuPriority values (kept when they change),
//   and the CPU a task was switched in on (CpuAffinity RanOn, when it changes);
// - setpriority, ioprio_set, sched_setaffinity that returned 0: the new value
//   of the target thread (sched_setaffinity's mask is a user pointer, so only
//   the call is kept; the derivation reads the mask off the CPUs used after it);
// - block_rq_insert's ioprio: the I/O priority the block layer saw, consulted
//   by whoever inserted it;
// - cap_capable's cred: the credentials a capability check used;
// - signal_generate of SIGXFSZ (25): the thread that received it.
class ContextFactTracker : public Tracker {
public:
    std::string_view name() const override { return "context-facts"; }
    bool wants(std::string_view system, std::string_view name) const override;
    void onEvent(const trace::RawEvent& event, TrackerContext& context) override;

private:
    struct Pending {
        ContextAttribute attribute = ContextAttribute::RetiredTid;
        TaskId target = kNoTask;
        std::uint64_t value = 0;
        std::string call;
    };
    void onSwitch(const trace::RawEvent& e, TrackerContext& ctx);
    void onSyscall(const trace::RawEvent& e, TrackerContext& ctx);
    void add(TrackerContext& ctx, TaskId task, TimeNs ts, ContextAttribute a, FactKind kind, std::uint64_t value,
             const std::string& evidence);

    std::vector<std::int64_t> lastPrio_;          // per task, -1 = none yet
    std::vector<std::int32_t> lastCpu_;           // per task, -1 = none yet
    std::unordered_map<TaskId, Pending> pending_; // syscall entered, not yet returned
    std::unordered_map<std::string, StringId> evidence_;
};

} // namespace aioscope::trackers
