#pragma once
#include <cstdint>
#include <string>
#include <sys/types.h>

namespace aioscope::probes {

// One thread of this process as /proc/self/task/<tid>/{status,stat} and the
// per-thread syscalls (ioprio_get, sched_getaffinity) show it.
struct ThreadStatus {
    pid_t tid = 0;
    std::string name;        // "Name:" (comm), e.g. iou-wrk-1234
    std::uint32_t uid[4]{};  // real, effective, saved, fs
    std::uint32_t gid[4]{};
    std::uint64_t capEff = 0;
    std::uint64_t sigPnd = 0; // thread-directed pending signals, bit (sig-1)
    std::uint64_t sigBlk = 0;
    std::string cpusAllowed;  // "Cpus_allowed_list:", e.g. "0-1"
    int nice = 0;
    int processor = -1;       // CPU it last ran on
    std::uint64_t startTicks = 0; // clock ticks after boot
    int ioprio = -1;          // raw ioprio_get value, -1 if unreadable
    bool ioThread = false;    // iou-wrk-* / iou-sqp-*

    std::uint32_t fsuid() const { return uid[3]; }
    bool hasPending(int sig) const { return (sigPnd >> (sig - 1)) & 1u; }
    // "tid 812 (iou-wrk-800): fsuid 0, CapEff 000001ffffffffff, nice 0, ioprio none/0, cpus 0-1, last CPU 1"
    std::string summary() const;
};

} // namespace aioscope::probes
