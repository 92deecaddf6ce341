#pragma once
#include "model/ContextAttribute.h"
#include "model/ContextSnapshot.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace aioscope {

class StringPool;

// The one way a context value is written for people (CLI, JSON, GUI, report).
class ContextValueText {
public:
    // A ContextFact's value (see ContextFact for what each attribute holds).
    static std::string ofFact(ContextAttribute a, std::uint64_t value);
    // The same attribute as an engine snapshot holds it; nullopt when the
    // snapshot did not record it.
    static std::optional<std::string> ofSnapshot(ContextAttribute a, const ContextSnapshot& s,
                                                 const StringPool& strings);
    static std::string ioprio(std::int64_t raw);    // "be/4", "idle/0"
    static std::string cpuList(std::uint64_t mask); // "0-3,6"
    static std::string hex(std::uint64_t v);
    // Kernel prio 120 + nice for SCHED_OTHER: "nice 19 (prio 139)".
    static std::string cpuPriority(std::int64_t prio);
    // "be,0,4" / "idle" / "3,0,0" (text trace print formats) -> raw ioprio.
    static std::optional<std::uint64_t> parseIoprio(std::string_view text);
};

} // namespace aioscope
