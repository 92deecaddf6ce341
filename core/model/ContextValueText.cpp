#include "model/ContextValueText.h"

#include "model/StringPool.h"

#include <charconv>
#include <cstdio>

namespace aioscope {

namespace {
constexpr const char* kIoprioClasses[] = {"none", "rt", "be", "idle"};
}

std::string ContextValueText::hex(std::uint64_t v) {
    char b[32];
    std::snprintf(b, sizeof b, "0x%llx", static_cast<unsigned long long>(v));
    return b;
}

std::string ContextValueText::ioprio(std::int64_t raw) {
    const auto cls = static_cast<unsigned>((raw >> 13) & 7);
    return std::string(cls < 4 ? kIoprioClasses[cls] : "class" + std::to_string(cls)) + "/" + std::to_string(raw & 7);
}

std::string ContextValueText::cpuList(std::uint64_t mask) {
    if (mask == 0)
        return "(not shown)";
    std::string out;
    for (int cpu = 0; cpu < 64; ++cpu) {
        if (!(mask >> cpu & 1))
            continue;
        int last = cpu;
        while (last + 1 < 64 && (mask >> (last + 1) & 1))
            ++last;
        if (!out.empty())
            out += ",";
        out += std::to_string(cpu);
        if (last > cpu)
            out += "-" + std::to_string(last);
        cpu = last;
    }
    return "CPUs " + out;
}

std::string ContextValueText::cpuPriority(std::int64_t prio) {
    if (prio >= 100 && prio <= 139)
        return "nice " + std::to_string(prio - 120) + " (prio " + std::to_string(prio) + ")";
    return "prio " + std::to_string(prio);
}

std::optional<std::uint64_t> ContextValueText::parseIoprio(std::string_view text) {
    // "be,0,4" (class,hint,level), "none,0,0", or a plain number.
    std::uint64_t cls = 0;
    std::size_t comma = text.find(',');
    std::string_view head = text.substr(0, comma);
    bool named = false;
    for (std::uint64_t i = 0; i < 4; ++i)
        if (head == kIoprioClasses[i]) {
            cls = i;
            named = true;
        }
    if (!named) {
        std::uint64_t v = 0;
        auto [p, ec] = std::from_chars(head.data(), head.data() + head.size(), v);
        if (ec != std::errc() || p != head.data() + head.size())
            return std::nullopt;
        if (comma == std::string_view::npos)
            return v; // already a raw value
        cls = v;
    }
    std::uint64_t level = 0;
    if (comma != std::string_view::npos) {
        std::string_view rest = text.substr(comma + 1);
        std::size_t second = rest.find(',');
        std::string_view levelText = second == std::string_view::npos ? rest : rest.substr(second + 1);
        std::from_chars(levelText.data(), levelText.data() + levelText.size(), level);
    }
    return (cls << 13) | (level & 7);
}

std::string ContextValueText::ofFact(ContextAttribute a, std::uint64_t value) {
    using A = ContextAttribute;
    switch (a) {
    case A::CpuPriority: return cpuPriority(static_cast<std::int64_t>(value));
    case A::Ioprio: return ioprio(static_cast<std::int64_t>(value));
    case A::Credentials: return "cred " + hex(value);
    case A::CpuAffinity: return cpuList(value);
    case A::Sigxfsz: return "SIGXFSZ to tid " + std::to_string(value);
    case A::SignalMask: return "blocked " + hex(value);
    default: return std::to_string(value);
    }
}

std::optional<std::string> ContextValueText::ofSnapshot(ContextAttribute a, const ContextSnapshot& s,
                                                        const StringPool& strings) {
    using A = ContextAttribute;
    using F = ContextSnapshot;
    switch (a) {
    case A::Fsuid: return s.has(F::kUids) ? std::optional(std::to_string(s.fsuid)) : std::nullopt;
    case A::Uid: return s.has(F::kUids) ? std::optional(std::to_string(s.uid)) : std::nullopt;
    case A::Fsgid: return s.has(F::kGids) ? std::optional(std::to_string(s.fsgid)) : std::nullopt;
    case A::Gid: return s.has(F::kGids) ? std::optional(std::to_string(s.gid)) : std::nullopt;
    case A::Credentials: return s.has(F::kCaps) ? std::optional("CapEff " + hex(s.capEffective)) : std::nullopt;
    case A::Ioprio: return s.has(F::kIoprio) ? std::optional(ioprio(s.ioprio)) : std::nullopt;
    case A::CpuPriority: return s.has(F::kNice) ? std::optional(cpuPriority(120 + s.nice)) : std::nullopt;
    case A::CpuAffinity: return s.has(F::kAffinity) ? std::optional(cpuList(s.affinityMask)) : std::nullopt;
    case A::Cwd: return s.has(F::kCwd) ? std::optional(std::string(strings.view(s.cwd))) : std::nullopt;
    case A::RlimitFsize:
        return s.has(F::kRlimitFsize)
                   ? std::optional(s.rlimitFsize == ~0ull ? std::string("unlimited") : std::to_string(s.rlimitFsize))
                   : std::nullopt;
    case A::SignalMask: return s.has(F::kSigmask) ? std::optional("blocked " + hex(s.blockedSignals)) : std::nullopt;
    default: return std::nullopt;
    }
}

} // namespace aioscope
