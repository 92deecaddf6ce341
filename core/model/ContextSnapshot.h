#pragma once
#include "model/Ids.h"

#include <cstdint>

namespace aioscope {

// The identity a thread presents to the kernel at one moment. Fields that the
// source could not see stay unset; `known` says which are valid.
struct ContextSnapshot {
    enum Field : std::uint32_t {
        kTid = 1u << 0,
        kUids = 1u << 1,   // uid, euid, fsuid
        kGids = 1u << 2,   // gid, fsgid
        kCaps = 1u << 3,
        kIoprio = 1u << 4,
        kNice = 1u << 5,
        kAffinity = 1u << 6,
        kCwd = 1u << 7,
        kRlimitFsize = 1u << 8,
        kSigmask = 1u << 9,
        kCpu = 1u << 10,
    };

    std::uint32_t known = 0;
    std::int32_t tid = 0;
    std::int32_t pid = 0;
    std::uint32_t uid = 0, euid = 0, fsuid = 0;
    std::uint32_t gid = 0, fsgid = 0;
    std::uint64_t capEffective = 0;
    std::int32_t ioprio = 0; // raw IOPRIO_PRIO_VALUE(class, data)
    std::int32_t nice = 0;
    std::uint64_t affinityMask = 0; // first 64 CPUs
    std::int32_t cpu = -1;          // CPU it was running on
    StringId cwd = kEmptyString;
    std::uint64_t rlimitFsize = ~0ull; // RLIM_INFINITY
    std::uint64_t blockedSignals = 0;  // bit (sig-1)
    TimeNs takenNs = kNoTime;

    bool has(Field f) const { return (known & f) != 0; }
    bool operator==(const ContextSnapshot&) const = default;
};

} // namespace aioscope
