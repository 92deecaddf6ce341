#include "gui/timeline/LaneLayout.h"

#include "model/Run.h"

#include <algorithm>
#include <map>

namespace aioscope::gui {

namespace {
QString taskLabel(const Run& run, TaskId t) {
    const auto& task = run.tasks[t];
    const auto comm = run.strings.view(task.comm);
    return QStringLiteral("%1 %2").arg(QString::fromUtf8(comm.data(), static_cast<qsizetype>(comm.size()))).arg(task.tid);
}
} // namespace

LaneLayout LaneLayout::build(const Run& run) {
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
    // For each worker, which submitter it served most.
    std::vector<std::map<TaskId, std::size_t>> served(n);
    for (const auto& seg : run.segments) {
        if (seg.task >= n || seg.request >= submitter.size())
            continue;
        const TaskId s = submitter[seg.request];
        if (s != seg.task && s < n)
            ++served[seg.task][s];
    }
    // A thread that mostly ran others' requests is a worker even if the
    // source credits it with a few submissions of its own (io-wq re-issues).
    std::vector<std::size_t> submittedCount(n, 0);
    for (TaskId s : submitter)
        if (s < n)
            ++submittedCount[s];
    for (TaskId t = 0; t < n; ++t) {
        std::size_t servedTotal = 0;
        for (const auto& [s, count] : served[t])
            servedTotal += count;
        if (firstSubmit[t] != kNoTime && servedTotal > submittedCount[t])
            firstSubmit[t] = kNoTime;
    }
    std::vector<TaskId> submitters;
    for (TaskId t = 0; t < n; ++t)
        if (firstSubmit[t] != kNoTime)
            submitters.push_back(t);
    std::stable_sort(submitters.begin(), submitters.end(),
                     [&](TaskId a, TaskId b) { return firstSubmit[a] < firstSubmit[b]; });
    std::vector<TaskId> masterOf(n, kNoTask);
    for (TaskId t = 0; t < n; ++t) {
        if (firstSubmit[t] != kNoTime || served[t].empty())
            continue;
        auto best = std::max_element(served[t].begin(), served[t].end(),
                                     [](const auto& a, const auto& b) { return a.second < b.second; });
        masterOf[t] = best->first;
    }
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
            if (masterOf[w] == s)
                add(w, 1, false, s);
    }
    for (TaskId t = 0; t < n; ++t)
        if (layout.laneOfTask_[t] < 0)
            add(t, 0, false, kNoTask);
    return layout;
}

int LaneLayout::indexOfTask(TaskId task) const {
    return task < laneOfTask_.size() ? laneOfTask_[task] : -1;
}

} // namespace aioscope::gui
