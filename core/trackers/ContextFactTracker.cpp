#include "trackers/ContextFactTracker.h"

#include "model/ContextValueText.h"
#include "trackers/EventFields.h"
#include "trackers/TrackerContext.h"

namespace aioscope::trackers {

namespace {
constexpr std::int64_t kSigxfsz = 25;
constexpr std::int64_t kPrioProcess = 0;      // setpriority's PRIO_PROCESS
constexpr std::int64_t kIoprioWhoProcess = 1; // ioprio_set's IOPRIO_WHO_PROCESS

bool isContextCall(std::string_view call) {
    return call == "setpriority" || call == "ioprio_set" || call == "sched_setaffinity";
}
} // namespace

bool ContextFactTracker::wants(std::string_view, std::string_view name) const {
    if (name == "sched_switch" || name == "block_rq_insert" || name == "cap_capable" || name == "signal_generate")
        return true;
    if (name.starts_with("sys_enter_"))
        return isContextCall(name.substr(10));
    if (name.starts_with("sys_exit_"))
        return isContextCall(name.substr(9));
    return false;
}

void ContextFactTracker::add(TrackerContext& ctx, TaskId task, TimeNs ts, ContextAttribute a, FactKind kind,
                             std::uint64_t value, const std::string& evidence) {
    if (task == kNoTask)
        return;
    auto [it, fresh] = evidence_.try_emplace(evidence, kEmptyString);
    if (fresh)
        it->second = ctx.run().strings.intern(evidence);
    ctx.run().addFact({task, ts, a, kind, value, it->second});
}

void ContextFactTracker::onEvent(const trace::RawEvent& e, TrackerContext& ctx) {
    if (e.name == "sched_switch") {
        onSwitch(e, ctx);
    } else if (e.name == "block_rq_insert") {
        const trace::RawField* f = e.field("ioprio");
        if (!f)
            return; // kernels before 6.x do not print it
        std::optional<std::uint64_t> raw =
            f->isNumber ? std::optional<std::uint64_t>(f->number) : ContextValueText::parseIoprio(f->text);
        if (!raw)
            return;
        add(ctx, ctx.taskOf(e), e.ts, ContextAttribute::Ioprio, FactKind::Consulted, *raw,
            "block_rq_insert " + std::string(textOf(e, {"rwbs"})) + " ioprio=" + ContextValueText::ioprio(*raw) +
                " (inserted by " + ctx.describe(ctx.taskOf(e)) + ")");
    } else if (e.name == "cap_capable") {
        auto cred = keyOf(e, {"cred"});
        if (!cred)
            return;
        const TaskId task = ctx.taskOf(e);
        add(ctx, task, e.ts, ContextAttribute::Credentials, FactKind::Consulted, *cred,
            "cap_capable cap=" + std::to_string(numberOf(e, {"cap"}).value_or(-1)) +
                " ret=" + std::to_string(numberOf(e, {"ret"}).value_or(0)) + " cred=" + ContextValueText::hex(*cred) +
                " in " + ctx.describe(task));
    } else if (e.name == "signal_generate") {
        if (numberOf(e, {"sig"}).value_or(0) != kSigxfsz)
            return;
        // The receiving thread: the pid field (a tid) when given, else the sender (current).
        TaskId target = ctx.taskOf(e);
        if (auto tid = numberOf(e, {"pid"}))
            target = ctx.taskByTid(static_cast<std::int32_t>(*tid), textOf(e, {"comm"}), e.ts);
        const std::int32_t tid = target < ctx.run().tasks.size() ? ctx.run().tasks[target].tid : -1;
        add(ctx, target, e.ts, ContextAttribute::Sigxfsz, FactKind::Consulted, static_cast<std::uint64_t>(tid),
            "signal_generate sig=25 to " + ctx.describe(target) +
                " (res=" + std::to_string(numberOf(e, {"res", "result"}).value_or(0)) + ")");
    } else {
        onSyscall(e, ctx);
    }
}

void ContextFactTracker::onSwitch(const trace::RawEvent& e, TrackerContext& ctx) {
    auto note = [&](std::string_view pidKey, std::string_view commKey, std::string_view prioKey, bool in) {
        auto tid = numberOf(e, {pidKey});
        auto prio = numberOf(e, {prioKey});
        if (!tid || *tid <= 0)
            return;
        const TaskId t = ctx.taskByTid(static_cast<std::int32_t>(*tid), textOf(e, {commKey}), e.ts);
        if (t == kNoTask)
            return;
        if (lastPrio_.size() <= t) {
            lastPrio_.resize(t + 1, -1);
            lastCpu_.resize(t + 1, -1);
        }
        if (prio && *prio != lastPrio_[t]) {
            lastPrio_[t] = *prio;
            add(ctx, t, e.ts, ContextAttribute::CpuPriority, FactKind::Value, static_cast<std::uint64_t>(*prio),
                "sched_switch " + std::string(prioKey) + "=" + std::to_string(*prio));
        }
        if (in && e.cpu >= 0 && e.cpu != lastCpu_[t]) {
            lastCpu_[t] = e.cpu;
            add(ctx, t, e.ts, ContextAttribute::CpuAffinity, FactKind::RanOn, static_cast<std::uint64_t>(e.cpu),
                "sched_switch: switched in on CPU " + std::to_string(e.cpu));
        }
    };
    note("prev_pid", "prev_comm", "prev_prio", false);
    note("next_pid", "next_comm", "next_prio", true);
}

void ContextFactTracker::onSyscall(const trace::RawEvent& e, TrackerContext& ctx) {
    const TaskId self = ctx.taskOf(e);
    if (self == kNoTask)
        return;
    if (e.name.starts_with("sys_enter_")) {
        Pending p;
        p.call = std::string(e.name.substr(10));
        const auto who = numberOf(e, {"who", "pid"}).value_or(0);
        p.target = who == 0 ? self : ctx.taskByTid(static_cast<std::int32_t>(who), {}, e.ts);
        if (p.call == "setpriority") {
            if (numberOf(e, {"which"}).value_or(-1) != kPrioProcess)
                return;
            p.attribute = ContextAttribute::CpuPriority;
            p.value = static_cast<std::uint64_t>(120 + numberOf(e, {"niceval"}).value_or(0));
        } else if (p.call == "ioprio_set") {
            if (numberOf(e, {"which"}).value_or(-1) != kIoprioWhoProcess)
                return;
            p.attribute = ContextAttribute::Ioprio;
            p.value = static_cast<std::uint64_t>(numberOf(e, {"ioprio"}).value_or(0));
        } else {
            p.attribute = ContextAttribute::CpuAffinity;
            p.value = 0; // the mask is behind a user pointer
        }
        pending_[self] = p;
        return;
    }
    auto it = pending_.find(self);
    if (it == pending_.end() || e.name.substr(9) != it->second.call)
        return;
    const Pending p = it->second;
    pending_.erase(it);
    if (numberOf(e, {"ret"}).value_or(-1) != 0)
        return; // the call failed: nothing changed
    const std::string value = p.attribute == ContextAttribute::CpuAffinity
                                  ? std::string("a new CPU mask")
                                  : ContextValueText::ofFact(p.attribute, p.value);
    add(ctx, p.target, e.ts, p.attribute, FactKind::Set, p.value,
        p.call + " by " + ctx.describe(self) + " set " + value + " for " + ctx.describe(p.target));
    if (p.attribute == ContextAttribute::CpuAffinity && p.target == self && e.cpu >= 0) {
        // The call returns on a CPU of the new mask.
        if (lastCpu_.size() <= self) {
            lastPrio_.resize(self + 1, -1);
            lastCpu_.resize(self + 1, -1);
        }
        lastCpu_[self] = e.cpu;
        add(ctx, self, e.ts, ContextAttribute::CpuAffinity, FactKind::RanOn, static_cast<std::uint64_t>(e.cpu),
            "sys_exit_sched_setaffinity returned on CPU " + std::to_string(e.cpu));
    }
}

} // namespace aioscope::trackers
