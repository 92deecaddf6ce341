#include "engine/ThreadContext.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <linux/capability.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace aioscope::engine {

int currentTid() {
    thread_local int tid = static_cast<int>(::syscall(SYS_gettid));
    return tid;
}

TimeNs monotonicNowNs() {
    timespec ts{};
    ::clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<TimeNs>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

ContextSnapshot captureThreadContext() {
    ContextSnapshot s;
    s.takenNs = monotonicNowNs();
    s.tid = currentTid();
    s.pid = ::getpid();
    s.known |= ContextSnapshot::kTid;

    // Raw syscalls: glibc's set*id wrappers would act on the whole process,
    // and setfsuid(-1) is the documented way to read the fsuid unchanged.
    uid_t r = 0, e = 0, saved = 0;
    gid_t rg = 0, eg = 0, savedg = 0;
    if (::syscall(SYS_getresuid, &r, &e, &saved) == 0) {
        s.uid = r;
        s.euid = e;
        s.fsuid = static_cast<std::uint32_t>(::syscall(SYS_setfsuid, -1));
        s.known |= ContextSnapshot::kUids;
    }
    if (::syscall(SYS_getresgid, &rg, &eg, &savedg) == 0) {
        s.gid = rg;
        s.fsgid = static_cast<std::uint32_t>(::syscall(SYS_setfsgid, -1));
        s.known |= ContextSnapshot::kGids;
    }

    __user_cap_header_struct hdr{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[2]{};
    if (::syscall(SYS_capget, &hdr, data) == 0) {
        s.capEffective = static_cast<std::uint64_t>(data[0].effective) |
                         (static_cast<std::uint64_t>(data[1].effective) << 32);
        s.known |= ContextSnapshot::kCaps;
    }

    constexpr int kIoprioWhoProcess = 1;
    long prio = ::syscall(SYS_ioprio_get, kIoprioWhoProcess, 0);
    if (prio >= 0) {
        s.ioprio = static_cast<std::int32_t>(prio);
        s.known |= ContextSnapshot::kIoprio;
    }

    errno = 0;
    int nice = ::getpriority(PRIO_PROCESS, static_cast<id_t>(s.tid));
    if (errno == 0) {
        s.nice = nice;
        s.known |= ContextSnapshot::kNice;
    }

    cpu_set_t set;
    CPU_ZERO(&set);
    if (::sched_getaffinity(0, sizeof(set), &set) == 0) {
        std::uint64_t mask = 0;
        for (int c = 0; c < 64; ++c)
            if (CPU_ISSET(c, &set))
                mask |= 1ull << c;
        s.affinityMask = mask;
        s.known |= ContextSnapshot::kAffinity;
    }
    int cpu = ::sched_getcpu();
    if (cpu >= 0) {
        s.cpu = cpu;
        s.known |= ContextSnapshot::kCpu;
    }

    rlimit lim{};
    if (::getrlimit(RLIMIT_FSIZE, &lim) == 0) {
        s.rlimitFsize = lim.rlim_cur == RLIM_INFINITY ? ~0ull : static_cast<std::uint64_t>(lim.rlim_cur);
        s.known |= ContextSnapshot::kRlimitFsize;
    }

    sigset_t blocked;
    sigemptyset(&blocked);
    if (::pthread_sigmask(SIG_BLOCK, nullptr, &blocked) == 0) {
        std::uint64_t bits = 0;
        for (int sig = 1; sig <= 64; ++sig)
            if (sigismember(&blocked, sig) == 1)
                bits |= 1ull << (sig - 1);
        s.blockedSignals = bits;
        s.known |= ContextSnapshot::kSigmask;
    }
    return s;
}

} // namespace aioscope::engine
