#include "gui/timeline/LaneLayout.h"

#include "model/Run.h"

#include <algorithm>

namespace aioscope::gui {

namespace {
QString taskLabel(const Run& run, TaskId t) {
    const auto& task = run.tasks[t];
    const auto comm = run.strings.view(task.comm);
    return QStringLiteral("%1 %2").arg(QString::fromUtf8(comm.data(), static_cast<qsizetype>(comm.size()))).arg(task.tid);
}
} // namespace

LaneLayout LaneLayout::build(const Run& run) {
    // Roles and the submitter each worker served are RunDerivation's; the
    // layout only orders them: submitters by first submit, each followed by
    // its workers, then every other task.
    LaneLayout layout;
    const std::size_t n = run.tasks.size();
    std::vector<TimeNs> firstSubmit(n, kNoTime);
    auto submitter = run.requests.submitter();
    auto submit = run.requests.submitNs();
    for (std::size_t i = 0; i < submitter.size(); ++i) {
        const TaskId s = submitter[i];
        if (s < n && firstSubmit[s] == kNoTime)
            firstSubmit[s] = submit[i]; // requests are sorted by submit
    }
    std::vector<TaskId> submitters;
    for (TaskId t = 0; t < n; ++t)
        if (run.tasks[t].role == TaskRole::Submitter)
            submitters.push_back(t);
    std::stable_sort(submitters.begin(), submitters.end(),
                     [&](TaskId a, TaskId b) { return firstSubmit[a] < firstSubmit[b]; });
    layout.laneOfTask_.assign(n, -1);
    auto add = [&](TaskId t, int depth, bool isSubmitter, TaskId master) {
        Lane lane;
        lane.task = t;
        lane.depth = depth;
        lane.submitter = isSubmitter;
        lane.worker = master != kNoTask;
        lane.servedSubmitter = master;
        lane.label = taskLabel(run, t);
        layout.laneOfTask_[t] = static_cast<int>(layout.lanes_.size());
        layout.lanes_.push_back(std::move(lane));
    };
    for (TaskId s : submitters) {
        add(s, 0, true, kNoTask);
        ++layout.submitters_;
        for (TaskId w = 0; w < n; ++w)
            if (run.tasks[w].role == TaskRole::Worker && run.tasks[w].served == s)
                add(w, 1, false, s);
    }
    for (TaskId t = 0; t < n; ++t)
        if (layout.laneOfTask_[t] < 0)
            add(t, 0, false, run.tasks[t].role == TaskRole::Worker ? run.tasks[t].served : kNoTask);
    return layout;
}

int LaneLayout::indexOfTask(TaskId task) const {
    return task < laneOfTask_.size() ? laneOfTask_[task] : -1;
}

} // namespace aioscope::gui
