#pragma once
#include "model/Result.h"

#include <cstdint>
#include <string>
#include <sys/types.h>

namespace aioscope::probes {

// Changes one per-thread attribute of the CALLING thread only, through raw
// syscalls: glibc's setuid family would broadcast to every thread and hide
// exactly the difference a probe looks for.
class ThreadIdentity {
public:
    static pid_t tid();

    // setfsuid(2) returns the previous fsuid; it is a per-thread credential.
    static Result<std::uint32_t> setFsuid(std::uint32_t uid);
    static std::uint32_t fsuid();

    // Effective capability set of this thread (capget/capset with our tid).
    static Result<std::uint64_t> effectiveCaps();
    static Result<void> setEffectiveCaps(std::uint64_t effective);

    static int ioprio(); // raw value, -1 on error
    static Result<void> setIoprio(int ioprio);
    static int makeIoprio(int ioClass, int data) { return (ioClass << 13) | data; }
    static constexpr int kIoprioClassIdle = 3;

    static Result<int> nice();
    static Result<void> setNice(int nice);

    static std::uint64_t affinityMask(pid_t tid); // first 64 CPUs; 0 on error
    static Result<void> pinToCpu(int cpu);
    static Result<void> setAffinityMask(std::uint64_t mask);

    // unshare(CLONE_FS) then chdir: only this thread's cwd changes. Cannot
    // be undone, so callers run it on a thread that exits afterwards.
    static Result<void> unshareFsAndChdir(const std::string& dir);

    static std::string maskToList(std::uint64_t mask); // "0-1", "1"
};

} // namespace aioscope::probes
