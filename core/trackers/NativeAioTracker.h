#pragma once
#include "model/Request.h"
#include "trackers/Tracker.h"

#include <cstdint>
#include <unordered_map>

namespace aioscope::trackers {

// Native AIO (io_submit). ftrace has no per-iocb event, so:
// - each io_submit call is a request of the submitting thread, from
//   sys_enter to sys_exit (buffered reads/writes complete inside it);
// - an IOCB_CMD_FSYNC or POLL queues work on a kworker from inside io_submit
//   (workqueue_queue_work function=aio_fsync_work / aio_poll_complete_work):
//   that iocb is its own request, executed by the kworker between
//   workqueue_execute_start and _end, linked by the work pointer.
class NativeAioTracker : public Tracker {
public:
    std::string_view name() const override { return "native-aio"; }
    bool wants(std::string_view system, std::string_view name) const override;
    void onEvent(const trace::RawEvent& event, TrackerContext& context) override;

private:
    struct Submit {
        TimeNs enter = kNoTime;
        std::int64_t nr = 0;
        std::int64_t queuedWorks = 0;
        std::uint64_t event = ~std::uint64_t{0}; // sys_enter_io_submit's id in the event index
    };
    std::unordered_map<TaskId, Submit> submits_;
    std::unordered_map<std::uint64_t, RequestId> works_; // work pointer -> request
    std::unordered_map<std::uint64_t, TimeNs> started_;  // work pointer -> execute_start
};

} // namespace aioscope::trackers
