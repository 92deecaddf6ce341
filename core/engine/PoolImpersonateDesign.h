#pragma once
#include "engine/PoolDesign.h"

namespace aioscope::engine {

// The pool, but each worker copies the submitter's per-thread attributes by
// hand before a request (fsuid/fsgid, effective capabilities, ioprio, nice,
// CPU affinity) and restores its own after, like io_uring 5.10's io_identity.
// It does not copy cwd or who receives SIGXFSZ: those still leak, on purpose.
class PoolImpersonateDesign : public PoolDesign {
public:
    std::string_view name() const override { return "pool-impersonate"; }

protected:
    void captureSubmitter(Job& job) override;
    void enter(const Job& job, const ContextSnapshot& own) override;
    void leave(const ContextSnapshot& own) override;
    const char* threadName() const override { return "aioscope-imp"; }

private:
    static void applyIdentity(const ContextSnapshot& target, bool restoring);
};

} // namespace aioscope::engine
