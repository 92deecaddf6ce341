#include "engine/PoolImpersonateDesign.h"

#include "engine/ThreadContext.h"

#include <linux/capability.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace aioscope::engine {

void PoolImpersonateDesign::captureSubmitter(Job& job) { job.submitter = captureThreadContext(); }

void PoolImpersonateDesign::enter(const Job& job, const ContextSnapshot&) { applyIdentity(job.submitter, false); }

void PoolImpersonateDesign::leave(const ContextSnapshot& own) { applyIdentity(own, true); }

namespace {

void setScheduling(const ContextSnapshot& t) {
    if (t.has(ContextSnapshot::kNice))
        ::setpriority(PRIO_PROCESS, static_cast<id_t>(currentTid()), t.nice);
    if (t.has(ContextSnapshot::kIoprio)) {
        constexpr int kIoprioWhoProcess = 1;
        ::syscall(SYS_ioprio_set, kIoprioWhoProcess, 0, t.ioprio);
    }
    if (t.has(ContextSnapshot::kAffinity) && t.affinityMask != 0) {
        cpu_set_t set;
        CPU_ZERO(&set);
        for (int c = 0; c < 64; ++c)
            if (t.affinityMask & (1ull << c))
                CPU_SET(c, &set);
        ::sched_setaffinity(0, sizeof(set), &set);
    }
}

void setCredentials(const ContextSnapshot& t) {
    // Raw syscalls: they change this thread only (glibc would broadcast).
    if (t.has(ContextSnapshot::kUids))
        ::syscall(SYS_setfsuid, t.fsuid);
    if (t.has(ContextSnapshot::kGids))
        ::syscall(SYS_setfsgid, t.fsgid);
    if (t.has(ContextSnapshot::kCaps)) {
        // Only the effective set moves; permitted stays so the worker can
        // take its own capabilities back afterwards.
        __user_cap_header_struct hdr{_LINUX_CAPABILITY_VERSION_3, 0};
        __user_cap_data_struct data[2]{};
        if (::syscall(SYS_capget, &hdr, data) == 0) {
            std::uint64_t permitted = data[0].permitted | (static_cast<std::uint64_t>(data[1].permitted) << 32);
            std::uint64_t effective = t.capEffective & permitted;
            data[0].effective = static_cast<std::uint32_t>(effective);
            data[1].effective = static_cast<std::uint32_t>(effective >> 32);
            ::syscall(SYS_capset, &hdr, data);
        }
    }
}

} // namespace

void PoolImpersonateDesign::applyIdentity(const ContextSnapshot& target, bool restoring) {
    // Order matters: a lower nice and an ioprio class need CAP_SYS_NICE, and a
    // non-zero fsuid drops the filesystem capabilities from the effective set.
    // Going in: scheduling while still privileged, then fsuid, then caps.
    // Coming back: fsuid and caps first (privilege back), then scheduling.
    if (!restoring) {
        setScheduling(target);
        setCredentials(target);
    } else {
        setCredentials(target);
        setScheduling(target);
    }
}

} // namespace aioscope::engine
