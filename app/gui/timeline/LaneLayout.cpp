#include "gui/timeline/LaneLayout.h"

#include "gui/timeline/RunFocus.h"
#include "model/Run.h"

#include <algorithm>

namespace aioscope::gui {

namespace {
QString commOf(const Run& run, TaskId t) {
    const auto comm = run.strings.view(run.tasks[t].comm);
    return QString::fromUtf8(comm.data(), static_cast<qsizetype>(comm.size()));
}

QString taskLabel(const Run& run, TaskId t) {
    const auto& task = run.tasks[t];
    // A task the importer made up for executions whose thread the trace
    // never named (tid -1): say so instead of showing a tid that is not one.
    if (task.tid < 0)
        return task.pid > 0 ? QStringLiteral("unknown executor (a thread of %1)").arg(task.pid)
                            : QStringLiteral("unknown executor");
    return QStringLiteral("%1 %2").arg(commOf(run, t)).arg(task.tid);
}

} // namespace

LaneLayout LaneLayout::build(const Run& run, bool showIdle) {
    LaneLayout layout;
    layout.idleShown_ = showIdle;
    const std::size_t n = run.tasks.size();
    // Only the requests the run is about place a task among the I/O lanes: a
    // shell whose only requests are the block layer's write-back of its
    // files is folded away with the idle tasks.
    const auto focus = RunFocus::mask(run);
    std::vector<TimeNs> firstSubmit(n, kNoTime);
    auto submitter = run.requests.submitter();
    auto submit = run.requests.submitNs();
    std::vector<bool> tookPart(n, false), backgroundOnly(n, false);
    for (std::size_t i = 0; i < submitter.size(); ++i) {
        const TaskId s = submitter[i];
        if (s >= n)
            continue;
        if (!focus[i]) {
            backgroundOnly[s] = true;
            continue;
        }
        tookPart[s] = true;
        if (firstSubmit[s] == kNoTime)
            firstSubmit[s] = submit[i]; // requests are sorted by submit
    }
    // Which tasks took part in the focused requests; who is a submitter and
    // which submitter each worker served are RunDerivation's (Task::role,
    // Task::served), never decided here.
    for (const auto& seg : run.segments)
        if (seg.task < n && seg.request < submitter.size() && focus[seg.request])
            tookPart[seg.task] = true;
    std::vector<TaskId> masterOf(n, kNoTask);
    for (TaskId t = 0; t < n; ++t) {
        if (run.tasks[t].role != TaskRole::Submitter)
            firstSubmit[t] = kNoTime;
    }
    // A thread that served a submitter (ran its requests: an io-wq worker, a
    // kworker; or was created by it for its I/O: its ring's SQPOLL thread)
    // sits under it, and takes part in the I/O when that submitter does.
    for (TaskId t = 0; t < n; ++t) {
        const TaskId s = run.tasks[t].served;
        if (s < n && s != t && (tookPart[t] || (tookPart[s] && firstSubmit[s] != kNoTime))) {
            masterOf[t] = s;
            tookPart[t] = true;
        }
    }
    // Group roots in order of first submit.
    std::vector<TaskId> roots;
    for (TaskId t = 0; t < n; ++t)
        if (firstSubmit[t] != kNoTime)
            roots.push_back(t);
    std::stable_sort(roots.begin(), roots.end(), [&](TaskId a, TaskId b) { return firstSubmit[a] < firstSubmit[b]; });

    layout.laneOfTask_.assign(n, -1);
    auto add = [&](TaskId t, int depth, TaskId master) {
        Lane lane;
        lane.task = t;
        lane.depth = depth;
        lane.submitter = firstSubmit[t] != kNoTime;
        lane.worker = master != kNoTask;
        lane.servedSubmitter = master;
        lane.idle = !tookPart[t];
        lane.label = taskLabel(run, t);
        layout.laneOfTask_[t] = static_cast<int>(layout.lanes_.size());
        layout.lanes_.push_back(std::move(lane));
        layout.submitters_ += firstSubmit[t] != kNoTime;
    };
    auto addWorkersOf = [&](TaskId s) {
        for (TaskId w = 0; w < n; ++w)
            if (masterOf[w] == s && layout.laneOfTask_[w] < 0)
                add(w, 1, s);
    };
    for (TaskId r : roots) {
        if (layout.laneOfTask_[r] >= 0)
            continue;
        add(r, 0, kNoTask);
        addWorkersOf(r);
    }
    // Executors whose submitter has no lane of its own, then the rest of the I/O.
    for (TaskId t = 0; t < n; ++t)
        if (layout.laneOfTask_[t] < 0 && tookPart[t])
            add(t, 0, kNoTask);
    bool background = false;
    for (TaskId t = 0; t < n; ++t)
        if (layout.laneOfTask_[t] < 0) {
            ++layout.idle_;
            background |= backgroundOnly[t];
        }
    if (layout.idle_ > 0) {
        Lane header;
        header.header = true;
        header.label =
            QStringLiteral("%1 %2 other tasks (%3)")
                .arg(showIdle ? QStringLiteral("▾") : QStringLiteral("▸"))
                .arg(layout.idle_)
                .arg(background ? QStringLiteral("no I/O, or only block-layer write-back") : QStringLiteral("no I/O"));
        layout.header_ = static_cast<int>(layout.lanes_.size());
        layout.lanes_.push_back(std::move(header));
        if (showIdle)
            for (TaskId t = 0; t < n; ++t)
                if (layout.laneOfTask_[t] < 0)
                    add(t, 1, kNoTask);
    }
    return layout;
}

int LaneLayout::indexOfTask(TaskId task) const {
    return task < laneOfTask_.size() ? laneOfTask_[task] : -1;
}

} // namespace aioscope::gui
