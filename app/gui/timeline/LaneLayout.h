#pragma once
#include "model/Ids.h"

#include <QString>

#include <vector>

namespace aioscope {
class Run;
}

namespace aioscope::gui {

// The order of lanes: submitters first (by first submit), each followed by
// the workers that served it most, then every other task. One lane per task.
class LaneLayout {
public:
    struct Lane {
        TaskId task = kNoTask;
        int depth = 0;           // 0 submitter or other, 1 worker under a submitter
        bool submitter = false;
        bool worker = false;
        TaskId servedSubmitter = kNoTask;
        QString label;           // "writer 4242", "  iou-wrk-4242 4342"
    };

    static LaneLayout build(const Run& run);

    int count() const { return static_cast<int>(lanes_.size()); }
    const Lane& lane(int index) const { return lanes_[static_cast<std::size_t>(index)]; }
    const std::vector<Lane>& lanes() const { return lanes_; }
    int indexOfTask(TaskId task) const; // -1 when the task has no lane
    int submitterCount() const { return submitters_; }

private:
    std::vector<Lane> lanes_;
    std::vector<int> laneOfTask_;
    int submitters_ = 0;
};

} // namespace aioscope::gui
