#include "gui/models/TaskListModel.h"

#include "gui/DocumentContext.h"
#include "gui/RequestText.h"
#include "gui/timeline/LaneLayout.h"
#include "gui/timeline/TimelineColors.h"
#include "model/Run.h"

#include <algorithm>

namespace aioscope::gui {

TaskListModel::TaskListModel(DocumentContext* context, QObject* parent) : QAbstractTableModel(parent), context_(context) {
    connect(context_, &DocumentContext::documentChanged, this, &TaskListModel::rebuild);
    connect(context_, &DocumentContext::runChanged, this, &TaskListModel::rebuild);
    rebuild();
}

void TaskListModel::rebuild() {
    beginResetModel();
    counts_.clear();
    rows_.clear();
    if (const Run* run = context_->run()) {
        // The timeline's order with every lane unfolded: one row per task.
        const LaneLayout layout = LaneLayout::build(*run, true);
        std::vector<bool> listed(run->tasks.size(), false);
        for (const auto& lane : layout.lanes())
            if (!lane.header && lane.task < run->tasks.size() && !listed[lane.task]) {
                listed[lane.task] = true;
                rows_.push_back(lane.task);
            }
        for (TaskId t = 0; t < run->tasks.size(); ++t)
            if (!listed[t])
                rows_.push_back(t);
        counts_ = TaskActivity::ofRun(*run);
        // The folded tasks (no I/O the run is about, or only block write-back)
        // by how many requests they had, in lane order among equals.
        std::size_t firstFolded = 0;
        for (const auto& lane : layout.lanes())
            firstFolded += !lane.header && lane.task < run->tasks.size() && !lane.idle;
        auto total = [&](TaskId t) { return counts_[t].submitted + counts_[t].ranForOthers + counts_[t].blockRequests; };
        std::stable_sort(rows_.begin() + static_cast<std::ptrdiff_t>(std::min(firstFolded, rows_.size())), rows_.end(),
                         [&](TaskId a, TaskId b) { return total(a) > total(b); });
    }
    endResetModel();
}

int TaskListModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : static_cast<int>(rows_.size()); }

TaskId TaskListModel::taskAt(int row) const {
    return row >= 0 && row < static_cast<int>(rows_.size()) ? rows_[static_cast<std::size_t>(row)] : kNoTask;
}
int TaskListModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant TaskListModel::data(const QModelIndex& index, int role) const {
    const Run* run = context_->run();
    const TaskId t = taskAt(index.row());
    if (!run || !index.isValid() || t >= counts_.size() || t >= run->tasks.size())
        return {};
    const Task& task = run->tasks[t];
    const TaskActivity& c = counts_[t];
    if (role == TaskIdRole)
        return QVariant::fromValue(static_cast<uint>(t));
    if (role == Qt::ForegroundRole && c.leaks > 0)
        return TimelineColors::leakColor();
    if (role == Qt::ToolTipRole && index.column() == Submitted && c.blockRequests > 0)
        return tr("%1 requests submitted; %2 block requests issued from its context (counted apart)")
            .arg(c.submitted)
            .arg(c.blockRequests);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Tid: return task.tid;
    case Comm: return RequestText::string(*run, task.comm);
    case Role: return QString::fromLatin1(taskRoleName(task.role));
    case Parent: return task.parent == kNoTask ? QString() : RequestText::taskName(*run, task.parent);
    case Submitted: return QVariant::fromValue(static_cast<qulonglong>(c.submitted));
    case Executed: return QVariant::fromValue(static_cast<qulonglong>(c.ranForOthers));
    case Leaks: return QVariant::fromValue(static_cast<qulonglong>(c.leaks));
    default: return {};
    }
}

QVariant TaskListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole)
        return tr("Click to sort by this column; a third click gives the timeline's order back");
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char* names[] = {"comm", "submitted", "ran for\nothers", "leaks", "tid", "role", "parent"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace aioscope::gui
