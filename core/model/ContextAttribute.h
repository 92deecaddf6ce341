#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

namespace aioscope {

// The per-thread attributes that I/O can consult (DOMAIN.md section 3).
// Names are stable: they are stored in sessions and printed in JSON.
enum class ContextAttribute : std::uint8_t {
    Tid = 0,      // "the executor is not the submitter"
    Fsuid,
    Fsgid,
    Capabilities,
    Ioprio,
    Nice,
    Affinity,
    Cwd,
    RlimitFsize,
    Sigxfsz,      // which thread received SIGXFSZ
    SignalMask,   // pending/blocked signals, e.g. a signalfd's ->poll
    Uid,
    Gid,
    Count
};

std::string_view contextAttributeName(ContextAttribute a);
std::optional<ContextAttribute> contextAttributeFromName(std::string_view name);

} // namespace aioscope
