#pragma once
#include "model/Ids.h"

#include <QString>

#include <vector>

namespace aioscope {
class Run;
}

namespace aioscope::gui {

// The order of lanes: the tasks that took part in the I/O first (submitters
// by first submit, each followed by the threads that ran its requests:
// io-wq workers, its ring's SQPOLL thread, kworkers, as Task::served says), then one group header for every task that
// neither submitted nor executed a request; that group's lanes follow the
// header only when it is expanded. One lane per task shown.
class LaneLayout {
public:
    struct Lane {
        TaskId task = kNoTask; // kNoTask on the group header
        int depth = 0;         // 0 submitter or other, 1 a thread under the submitter it served
        bool submitter = false;
        bool worker = false;
        bool header = false; // "12 tasks without I/O": click to expand or fold
        bool idle = false;   // a task with no request (inside the group)
        TaskId servedSubmitter = kNoTask;
        QString label; // "writer 4242", "iou-wrk-4242 4342"
    };

    // showIdle: the tasks without I/O get lanes after the header.
    static LaneLayout build(const Run& run, bool showIdle = false);

    int count() const { return static_cast<int>(lanes_.size()); }
    const Lane& lane(int index) const { return lanes_[static_cast<std::size_t>(index)]; }
    const std::vector<Lane>& lanes() const { return lanes_; }
    int indexOfTask(TaskId task) const; // -1 when the task has no lane (or is folded away)
    int submitterCount() const { return submitters_; }
    int idleCount() const { return idle_; } // tasks in the group, shown or not
    bool idleShown() const { return idleShown_; }
    int headerLane() const { return header_; } // -1 when every task took part in the I/O

private:
    std::vector<Lane> lanes_;
    std::vector<int> laneOfTask_;
    int submitters_ = 0;
    int idle_ = 0;
    int header_ = -1;
    bool idleShown_ = false;
};

} // namespace aioscope::gui
