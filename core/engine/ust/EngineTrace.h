#pragma once
#include "engine/UstProviderLibrary.h"
#include "engine/ust/aioscope_tp_api.h"
#include "model/ContextSnapshot.h"
#include "model/Request.h"

#include <cstdint>

namespace aioscope::engine {

// The engine's side of the `aioscope` lttng-ust provider: typed wrappers
// over the provider library's C functions (loaded by UstProviderLibrary;
// without it each is one branch). Field layouts are documented in
// AioscopeTracepoints.h; the CTF importer reads them back.
struct EngineTrace {
    static constexpr int kSubmitterRole = 0;
    static constexpr int kExecutorRole = 1;
    static constexpr std::uint32_t kFlagInline = 1;
    static constexpr std::uint32_t kFlagVerifyMismatch = 2;

    static void runBegin(const char* design, const char* workload, std::uint64_t seqBase) {
        if (auto* f = UstProviderLibrary::functions().runBegin)
            f(design, workload, seqBase);
    }
    static void submit(std::uint64_t seq, const char* design, IoOp op, int fd, std::uint64_t offset,
                       std::uint64_t length, int tid, TimeNs submitNs, TimeNs submitEndNs) {
        if (auto* f = UstProviderLibrary::functions().submit)
            f(seq, design, static_cast<int>(op), fd, offset, length, tid, submitNs, submitEndNs);
    }
    static void execStart(std::uint64_t seq, int tid, TimeNs ts) {
        if (auto* f = UstProviderLibrary::functions().execStart)
            f(seq, tid, ts);
    }
    static void execEnd(std::uint64_t seq, int tid, std::int64_t result, TimeNs ts) {
        if (auto* f = UstProviderLibrary::functions().execEnd)
            f(seq, tid, result, ts);
    }
    static void complete(std::uint64_t seq, std::int64_t result, int observerTid, TimeNs completeNs, int executorTid,
                         TimeNs startNs, TimeNs endNs, int continuationTid, std::uint32_t flags) {
        if (auto* f = UstProviderLibrary::functions().complete)
            f(seq, result, observerTid, completeNs, executorTid, startNs, endNs, continuationTid, flags);
    }
    static void context(std::uint64_t seq, int role, const ContextSnapshot& s) {
        auto* f = UstProviderLibrary::functions().context;
        if (!f)
            return;
        struct aioscope_tp_context c{};
        c.known = s.known;
        c.tid = s.tid;
        c.pid = s.pid;
        c.uid = s.uid;
        c.euid = s.euid;
        c.fsuid = s.fsuid;
        c.gid = s.gid;
        c.fsgid = s.fsgid;
        c.cap_effective = s.capEffective;
        c.ioprio = s.ioprio;
        c.nice = s.nice;
        c.affinity = s.affinityMask;
        c.cpu = s.cpu;
        c.rlimit_fsize = s.rlimitFsize;
        c.blocked_signals = s.blockedSignals;
        c.ts_ns = s.takenNs;
        f(seq, role, &c);
    }
};

} // namespace aioscope::engine
