#include "probes/ThreadIdentity.h"

#include <cerrno>
#include <cstring>
#include <linux/capability.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace aioscope::probes {

namespace {
constexpr int kIoprioWhoProcess = 1;

Error sysError(const std::string& what) {
    return makeError(what + " failed: " + std::strerror(errno));
}
} // namespace

pid_t ThreadIdentity::tid() { return static_cast<pid_t>(::syscall(SYS_gettid)); }

Result<std::uint32_t> ThreadIdentity::setFsuid(std::uint32_t uid) {
    auto previous = static_cast<std::uint32_t>(::syscall(SYS_setfsuid, uid));
    if (fsuid() != uid)
        return makeError("setfsuid(" + std::to_string(uid) + ") on tid " + std::to_string(tid()) +
                         " did not take effect (needs CAP_SETUID)");
    return previous;
}

std::uint32_t ThreadIdentity::fsuid() { return static_cast<std::uint32_t>(::syscall(SYS_setfsuid, -1)); }

Result<std::uint64_t> ThreadIdentity::effectiveCaps() {
    __user_cap_header_struct hdr{_LINUX_CAPABILITY_VERSION_3, static_cast<int>(tid())};
    __user_cap_data_struct data[2]{};
    if (::syscall(SYS_capget, &hdr, data) != 0)
        return sysError("capget");
    return static_cast<std::uint64_t>(data[0].effective) | (static_cast<std::uint64_t>(data[1].effective) << 32);
}

Result<void> ThreadIdentity::setEffectiveCaps(std::uint64_t effective) {
    __user_cap_header_struct hdr{_LINUX_CAPABILITY_VERSION_3, static_cast<int>(tid())};
    __user_cap_data_struct data[2]{};
    if (::syscall(SYS_capget, &hdr, data) != 0)
        return sysError("capget");
    data[0].effective = static_cast<std::uint32_t>(effective);
    data[1].effective = static_cast<std::uint32_t>(effective >> 32);
    hdr.pid = static_cast<int>(tid());
    if (::syscall(SYS_capset, &hdr, data) != 0)
        return sysError("capset on tid " + std::to_string(tid()));
    return {};
}

int ThreadIdentity::ioprio() {
    long v = ::syscall(SYS_ioprio_get, kIoprioWhoProcess, tid());
    return v < 0 ? -1 : static_cast<int>(v);
}

Result<void> ThreadIdentity::setIoprio(int ioprio) {
    if (::syscall(SYS_ioprio_set, kIoprioWhoProcess, tid(), ioprio) != 0)
        return sysError("ioprio_set(IOPRIO_WHO_PROCESS, " + std::to_string(tid()) + ")");
    return {};
}

Result<int> ThreadIdentity::nice() {
    errno = 0;
    int v = ::getpriority(PRIO_PROCESS, static_cast<id_t>(tid()));
    if (errno != 0)
        return sysError("getpriority");
    return v;
}

Result<void> ThreadIdentity::setNice(int nice) {
    if (::setpriority(PRIO_PROCESS, static_cast<id_t>(tid()), nice) != 0)
        return sysError("setpriority(PRIO_PROCESS, " + std::to_string(tid()) + ", " + std::to_string(nice) + ")");
    return {};
}

std::uint64_t ThreadIdentity::affinityMask(pid_t who) {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (::sched_getaffinity(who, sizeof set, &set) != 0)
        return 0;
    std::uint64_t mask = 0;
    for (int c = 0; c < 64; ++c)
        if (CPU_ISSET(c, &set))
            mask |= 1ull << c;
    return mask;
}

Result<void> ThreadIdentity::setAffinityMask(std::uint64_t mask) {
    cpu_set_t set;
    CPU_ZERO(&set);
    for (int c = 0; c < 64; ++c)
        if (mask & (1ull << c))
            CPU_SET(c, &set);
    if (::sched_setaffinity(0, sizeof set, &set) != 0)
        return sysError("sched_setaffinity");
    return {};
}

Result<void> ThreadIdentity::pinToCpu(int cpu) { return setAffinityMask(1ull << cpu); }

Result<void> ThreadIdentity::unshareFsAndChdir(const std::string& dir) {
    if (::unshare(CLONE_FS) != 0)
        return sysError("unshare(CLONE_FS)");
    if (::chdir(dir.c_str()) != 0)
        return sysError("chdir(" + dir + ")");
    return {};
}

std::string ThreadIdentity::maskToList(std::uint64_t mask) {
    std::string out;
    for (int c = 0; c < 64;) {
        if (!(mask & (1ull << c))) {
            ++c;
            continue;
        }
        int end = c;
        while (end + 1 < 64 && (mask & (1ull << (end + 1))))
            ++end;
        if (!out.empty())
            out += ',';
        out += std::to_string(c);
        if (end > c)
            out += "-" + std::to_string(end);
        c = end + 1;
    }
    return out.empty() ? "none" : out;
}

} // namespace aioscope::probes
