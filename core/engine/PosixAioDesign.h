#pragma once
#include "engine/Design.h"

#include <aio.h>
#include <vector>

namespace aioscope::engine {

// glibc POSIX AIO (aio_read/aio_write/aio_fsync): detached helper threads
// created by whichever thread submits. The helpers are invisible to us, so
// executorTid stays 0. No Open or Poll in this API.
class PosixAioDesign : public Design {
public:
    ~PosixAioDesign() override;
    std::string_view name() const override { return "posix-aio"; }
    bool supports(IoOp op) const override;
    Result<void> start(const DesignOptions& options) override;
    Result<void> submit(const IoRequest& request) override;
    Result<std::size_t> reap(std::span<IoCompletion> out, std::size_t min, int timeoutMs) override;
    Result<void> cancel(std::uint64_t seq) override;
    void stop() override;

private:
    struct Slot {
        aiocb cb{};
        std::uint64_t seq = 0;
        bool busy = false;
    };
    static constexpr std::size_t kSuspendEntries = 8;
    std::size_t collect(std::span<IoCompletion> out, std::size_t n);

    DesignOptions options_;
    std::vector<Slot> slots_;
    std::vector<std::size_t> free_;
    std::vector<const aiocb*> waitList_;
    std::size_t busyCount_ = 0;
};

} // namespace aioscope::engine
