#pragma once
#include "model/ContextSnapshot.h"
#include "model/Request.h"
#include "trackers/Tracker.h"

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace aioscope::trackers {

// The engine's own lttng-ust events (provider `aioscope`, see
// engine/ust/AioscopeTracepoints.h) back into requests, built the way the
// engine's RunBuilder builds its in-memory record:
//   context(seq, role)   submitter (0) / executor (1) snapshot
//   submit(seq, ...)     design, op, fd, offset, length, submitter, submit call span
//   exec_start/exec_end  a user-space executor's segment
//   complete(seq, ...)   result, observer, executor span, inline/verify flags
// One request per seq, added at its completion (or at the end, incomplete).
// Segments: the user-space executor's span; a kernel design that ran the
// request inline gets one on the submitter (submit..complete: the trace does
// not carry the engine's flush times, so queuedNs is also left unset for
// kernel designs). Both snapshots go with the request; RunDerivation compares
// them.
//
// Times: the fields carry the engine's CLOCK_MONOTONIC ns; they are moved onto
// the trace clock by one offset (trace time - submit_end_ns of the first
// submit, which is emitted right after that time was taken), so requests
// line up with kernel events in the same trace and every duration is exact.
class EngineEventTracker : public Tracker {
public:
    std::string_view name() const override { return "engine-events"; }
    bool wants(std::string_view system, std::string_view name) const override;
    void onEvent(const trace::RawEvent& event, TrackerContext& context) override;
    void finish(TrackerContext& context) override;

private:
    struct Pending {
        bool submitted = false;
        bool completed = false;
        std::string design;
        IoOp op = IoOp::Unknown;
        std::int32_t fd = -1;
        std::uint64_t offset = 0;
        std::uint64_t length = 0;
        std::int64_t result = 0;
        std::int32_t submitterTid = 0;
        std::int32_t executorTid = 0;
        std::int32_t observerTid = 0;
        TimeNs submitNs = kNoTime, submitEndNs = kNoTime;
        TimeNs startNs = kNoTime, endNs = kNoTime, completeNs = kNoTime;
        std::uint32_t flags = 0;
        std::optional<ContextSnapshot> submitterSnapshot;
        std::optional<ContextSnapshot> executorSnapshot;
        std::vector<std::uint64_t> events; // ids in the event index of this request's records
    };

    void add(std::uint64_t seq, const Pending& p, TrackerContext& context);
    TimeNs onTrace(TimeNs engineNs) const;

    std::unordered_map<std::uint64_t, Pending> pending_;
    std::optional<TimeNs> offset_;
    std::uint64_t orphans_ = 0; // completions or snapshots without their submit
};

} // namespace aioscope::trackers
