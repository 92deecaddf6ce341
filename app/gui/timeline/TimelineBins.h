#pragma once
#include "gui/RequestFilter.h"
#include "model/Ids.h"
#include "model/LaneState.h"

#include <cstdint>
#include <vector>

namespace aioscope {
class Run;
}

namespace aioscope::gui {

struct TimelineIndex;

// One decision per lane and pixel column (KernelShark-style level of detail):
// what state the lane is in, which request runs there, which request the lane
// has in flight, and whether a leak is there. Each cell costs a few lookups
// through the index's start buckets (a binary search narrowed to one bucket),
// so a paint is O(lanes * width) whatever the run's size, and the widget keeps
// its bins while the view does not change.
class TimelineBins {
public:
    enum CellFlag : std::uint8_t {
        kSegmentOther = 1u << 0, // the running request's submitter is another task
        kSegmentLeak = 1u << 1,  // a leaking request runs in this column
        kSpanLeak = 1u << 2,     // a leaking request of this submitter is in flight here
    };
    struct Cell {
        LaneState state = LaneState::Unknown;
        std::uint8_t flags = 0;
        std::uint16_t depth = 0;        // requests of this submitter in flight here (capped)
        RequestId segment = kNoRequest; // a request executing on this lane here
        RequestId span = kNoRequest;    // a request this lane submitted, in flight here
    };
    struct Params {
        TimeNs t0 = 0;
        TimeNs t1 = 1;
        int width = 1;
        int firstLane = 0;
        int lastLane = -1;            // inclusive; -1 = all
        TimeNs playback = kNoTime;    // nothing after it is shown
        const RequestFilter* filter = nullptr;
    };

    void compute(const Run& run, const TimelineIndex& index, const Params& params);
    // compute() unless the bins already hold these arguments' answer: a
    // repaint for a selection, highlight, note or drag box re-uses them.
    // Returns whether it computed.
    bool update(const Run& run, const TimelineIndex& index, const Params& params);
    void invalidate() { run_ = nullptr; }

    const Params& params() const { return params_; }
    int width() const { return params_.width; }
    int firstLane() const { return params_.firstLane; }
    int laneCount() const { return lanes_; }
    const Cell& at(int lane, int column) const {
        return cells_[static_cast<std::size_t>(lane - params_.firstLane) * static_cast<std::size_t>(params_.width) +
                      static_cast<std::size_t>(column)];
    }
    // Column start time; column c covers [columnTime(c), columnTime(c + 1)).
    TimeNs columnTime(int column) const;
    int columnOf(TimeNs t) const; // may be outside [0, width)

private:
    // What the cells were computed from (the filter by value: it is edited in place).
    const Run* run_ = nullptr;
    const TimelineIndex* index_ = nullptr;
    Params requested_;
    RequestFilter filter_;
    Params params_;
    int lanes_ = 0;
    std::vector<Cell> cells_;
};

} // namespace aioscope::gui
