#pragma once
#include "model/Request.h"
#include "trackers/Tracker.h"

#include <cstdint>
#include <unordered_map>

namespace aioscope::trackers {

// Synchronous file I/O: each pread64/pwrite64/preadv(2)/pwritev(2)/fsync/
// fdatasync call is one request, submitted, executed and completed by the
// calling thread between sys_enter_* and sys_exit_* (ftrace `syscalls:*`;
// the CTF reader spells lttng's `syscall_entry_*` so). Plain read/write are left out:
// they are mostly pipes and sockets, and would flood the model.
class SyscallTracker : public Tracker {
public:
    std::string_view name() const override { return "syscalls"; }
    bool wants(std::string_view system, std::string_view name) const override;
    void onEvent(const trace::RawEvent& event, TrackerContext& context) override;

private:
    struct Open {
        TimeNs enter = kNoTime;
        IoOp op = IoOp::Unknown;
        std::int32_t fd = -1;
        std::uint64_t offset = 0;
        std::uint64_t length = 0;
        std::uint64_t event = ~std::uint64_t{0}; // the sys_enter's id in the event index
    };
    std::unordered_map<TaskId, Open> open_;
};

} // namespace aioscope::trackers
