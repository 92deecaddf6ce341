#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace aioscope {

// The per-thread attributes that I/O can consult (docs/architecture.md, "Verdicts").
// Names are stable: they are stored in sessions and printed in JSON. The
// numbers are stored in packed session columns, so they never change.
enum class ContextAttribute : std::uint8_t {
    RetiredTid = 0, // sessions before schema v2 stored hand-offs as a "tid" check; never produced now
    Fsuid,
    Fsgid,
    Credentials, // capabilities, the cred a capability check used
    Ioprio,      // the I/O priority the block layer saw
    CpuPriority, // nice / kernel prio of the thread that ran it
    CpuAffinity,
    Cwd,
    RlimitFsize,
    Sigxfsz,    // which thread received SIGXFSZ
    SignalMask, // pending/blocked signals, e.g. a signalfd's ->poll
    Uid,
    Gid,
    Count
};

std::string_view contextAttributeName(ContextAttribute a);
// Accepts the names of earlier versions too ("nice", "affinity", "capabilities");
// "tid" is not an attribute and gives nullopt.
std::optional<ContextAttribute> contextAttributeFromName(std::string_view name);
// The attributes a verdict can be about, in display order (no RetiredTid).
std::span<const ContextAttribute> verdictAttributes();

} // namespace aioscope
