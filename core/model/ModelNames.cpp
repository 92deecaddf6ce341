// Stable names of the model's enums: stored in sessions, printed in JSON.
#include "model/ContextAttribute.h"
#include "model/ContextCheck.h"
#include "model/ProbeCell.h"
#include "model/Request.h"
#include "model/Task.h"

#include <array>
#include <cstring>

namespace aioscope {

namespace {
constexpr std::array<std::string_view, static_cast<std::size_t>(ContextAttribute::Count)> kAttributeNames = {
    "retired-tid", "fsuid", "fsgid", "credentials", "ioprio", "cpu-priority", "cpu-affinity",
    "cwd", "rlimit-fsize", "sigxfsz", "signal-mask", "uid", "gid"};
// Names earlier versions stored or lessons used.
constexpr std::pair<std::string_view, ContextAttribute> kOldNames[] = {
    {"nice", ContextAttribute::CpuPriority},
    {"affinity", ContextAttribute::CpuAffinity},
    {"capabilities", ContextAttribute::Credentials}};
constexpr ContextAttribute kVerdictAttributes[] = {
    ContextAttribute::CpuPriority, ContextAttribute::Ioprio,  ContextAttribute::Credentials,
    ContextAttribute::Fsuid,       ContextAttribute::Fsgid,   ContextAttribute::Sigxfsz,
    ContextAttribute::CpuAffinity, ContextAttribute::Cwd,     ContextAttribute::SignalMask};
} // namespace

std::span<const ContextAttribute> verdictAttributes() { return kVerdictAttributes; }

std::string_view contextAttributeName(ContextAttribute a) {
    const auto i = static_cast<std::size_t>(a);
    return i < kAttributeNames.size() ? kAttributeNames[i] : "unknown";
}

std::optional<ContextAttribute> contextAttributeFromName(std::string_view name) {
    for (std::size_t i = 1; i < kAttributeNames.size(); ++i)
        if (kAttributeNames[i] == name)
            return static_cast<ContextAttribute>(i);
    for (const auto& [old, a] : kOldNames)
        if (old == name)
            return a;
    return std::nullopt;
}

const char* taskRoleName(TaskRole role) {
    switch (role) {
    case TaskRole::Submitter: return "submitter";
    case TaskRole::Worker: return "worker";
    case TaskRole::KernelThread: return "kernel-thread";
    case TaskRole::Unknown: break;
    }
    return "unknown";
}

namespace {
constexpr const char* kOpNames[] = {"unknown", "read", "write", "fsync", "open", "poll", "other"};
}

const char* ioOpName(IoOp op) {
    const auto i = static_cast<std::size_t>(op);
    return i < std::size(kOpNames) ? kOpNames[i] : "unknown";
}

IoOp ioOpFromName(const char* name) {
    for (std::size_t i = 0; i < std::size(kOpNames); ++i)
        if (std::strcmp(kOpNames[i], name) == 0)
            return static_cast<IoOp>(i);
    return IoOp::Unknown;
}

const char* requestSourceName(RequestSource s) {
    switch (s) {
    case RequestSource::Engine: return "engine";
    case RequestSource::IoUring: return "io_uring";
    case RequestSource::NativeAio: return "native-aio";
    case RequestSource::SyncSyscall: return "sync-syscall";
    case RequestSource::Block: return "block";
    case RequestSource::Probe: return "probe";
    }
    return "unknown";
}

const char* checkVerdictName(CheckVerdict v) {
    switch (v) {
    case CheckVerdict::Carried: return "carried";
    case CheckVerdict::Leak: return "leak";
    case CheckVerdict::Unknown: break;
    }
    return "unknown";
}

const char* probeVerdictName(ProbeVerdict v) {
    switch (v) {
    case ProbeVerdict::Carried: return "carried";
    case ProbeVerdict::Leak: return "leak";
    case ProbeVerdict::NotObservable: return "not observable";
    case ProbeVerdict::Skipped: break;
    }
    return "skipped";
}

bool probeVerdictFromName(const std::string& name, ProbeVerdict* out) {
    for (auto v : {ProbeVerdict::Carried, ProbeVerdict::Leak, ProbeVerdict::NotObservable, ProbeVerdict::Skipped})
        if (name == probeVerdictName(v)) {
            *out = v;
            return true;
        }
    return false;
}

} // namespace aioscope
