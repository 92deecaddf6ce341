#pragma once
#include "model/Request.h"
#include "trackers/Tracker.h"

#include <cstdint>
#include <unordered_map>

namespace aioscope::trackers {

// Block requests: block_rq_insert (or issue, when no insert was seen) starts
// one, block_rq_complete ends it; linked by device and sector. The submitter
// is the task in the insert's header (whoever submitted the bio); a block
// request runs on the device, so it has no execution segment on a thread.
class BlockTracker : public Tracker {
public:
    std::string_view name() const override { return "block"; }
    bool wants(std::string_view system, std::string_view name) const override;
    void onEvent(const trace::RawEvent& event, TrackerContext& context) override;

private:
    std::unordered_map<std::uint64_t, RequestId> inflight_; // (dev, sector) -> request
};

} // namespace aioscope::trackers
