#pragma once
#include "model/Ids.h"
#include "model/LaneState.h"
#include "model/SpillAllocator.h"

#include <cstdint>
#include <span>
#include <vector>

namespace aioscope {

struct ExecSegment;

// Per-task lanes of scheduling states and execution segments, each sorted by
// time and stored as columns, so every view asks "what is in [t0, t1) on lane
// L" by binary search instead of walking the whole run.
class Timeline {
public:
    struct StateColumns {
        SpillVector<TimeNs> start;
        SpillVector<TimeNs> end;
        SpillVector<LaneState> state;
        SpillVector<TimeNs> maxEnd; // running max of end: keeps the search valid if intervals overlap
        bool operator==(const StateColumns&) const = default;
    };
    struct SegmentColumns {
        SpillVector<TimeNs> start;
        SpillVector<TimeNs> end;
        SpillVector<RequestId> request;
        SpillVector<TimeNs> maxEnd;
        bool operator==(const SegmentColumns&) const = default;
    };
    struct Range {
        std::size_t begin = 0;
        std::size_t end = 0;
        std::size_t size() const { return end - begin; }
        bool empty() const { return begin == end; }
    };

    void resizeLanes(std::size_t taskCount);
    std::size_t laneCount() const { return states_.size(); }

    // States may be appended in any order; sortStates() puts them in order.
    void addState(TaskId task, TimeNs start, TimeNs end, LaneState state);
    // Room for `count` states on an existing lane (a loader that knows the sizes).
    void reserveStates(TaskId task, std::size_t count);
    void sortStates();
    // Rebuilds the per-lane segment index from the run's segments.
    void indexSegments(std::span<const ExecSegment> segments, std::size_t taskCount);

    const StateColumns& states(TaskId task) const { return states_[task]; }
    const SegmentColumns& segments(TaskId task) const { return segments_[task]; }

    // Intervals on the lane that overlap [t0, t1), found by binary search on
    // start and on the running max of end. The range may hold a few intervals
    // that end before t0 when intervals on a lane overlap; callers clip.
    Range statesIn(TaskId task, TimeNs t0, TimeNs t1) const;
    Range segmentsIn(TaskId task, TimeNs t0, TimeNs t1) const;

    std::size_t stateCount() const;
    bool operator==(const Timeline&) const = default;

private:
    std::vector<StateColumns> states_;
    std::vector<SegmentColumns> segments_;
};

} // namespace aioscope
