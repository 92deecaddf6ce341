#include "gui/models/RequestTableModel.h"

#include "gui/DocumentContext.h"
#include "gui/RequestText.h"
#include "gui/timeline/TimeFormat.h"
#include "gui/timeline/TimelineColors.h"
#include "model/Run.h"

#include <algorithm>

namespace aioscope::gui {

RequestTableModel::RequestTableModel(DocumentContext* context, QObject* parent)
    : QAbstractTableModel(parent), context_(context) {
    connect(context_, &DocumentContext::documentChanged, this, &RequestTableModel::rebuild);
    connect(context_, &DocumentContext::runChanged, this, &RequestTableModel::rebuild);
    connect(context_, &DocumentContext::filterChanged, this, &RequestTableModel::rebuild);
    connect(context_, &DocumentContext::playbackTimeChanged, this, &RequestTableModel::updateCut);
    rebuild();
}

void RequestTableModel::rebuild() {
    beginResetModel();
    ids_.clear();
    filtered_ = !context_->filter().isEmpty();
    rows_ = 0;
    if (const Run* run = context_->run()) {
        if (filtered_)
            for (RequestId id = 0; id < run->requests.size(); ++id)
                if (context_->filter().accepts(*run, id))
                    ids_.push_back(id);
        const TimeNs pb = context_->playbackTime();
        const RequestId cut = pb == kNoTime ? static_cast<RequestId>(run->requests.size()) : run->requests.lowerBoundSubmit(pb + 1);
        rows_ = filtered_ ? static_cast<int>(std::lower_bound(ids_.begin(), ids_.end(), cut) - ids_.begin())
                          : static_cast<int>(cut);
    }
    endResetModel();
}

void RequestTableModel::updateCut() {
    const Run* run = context_->run();
    if (!run)
        return;
    const TimeNs pb = context_->playbackTime();
    const RequestId cut = pb == kNoTime ? static_cast<RequestId>(run->requests.size()) : run->requests.lowerBoundSubmit(pb + 1);
    const int rows = filtered_ ? static_cast<int>(std::lower_bound(ids_.begin(), ids_.end(), cut) - ids_.begin())
                               : static_cast<int>(cut);
    if (rows > rows_) {
        beginInsertRows(QModelIndex(), rows_, rows - 1);
        rows_ = rows;
        endInsertRows();
    } else if (rows < rows_) {
        beginRemoveRows(QModelIndex(), rows, rows_ - 1);
        rows_ = rows;
        endRemoveRows();
    }
}

int RequestTableModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : rows_; }
int RequestTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

RequestId RequestTableModel::requestAt(int row) const {
    if (row < 0 || row >= rows_)
        return kNoRequest;
    return filtered_ ? ids_[static_cast<std::size_t>(row)] : static_cast<RequestId>(row);
}

int RequestTableModel::rowOf(RequestId id) const {
    if (id == kNoRequest)
        return -1;
    if (!filtered_)
        return static_cast<int>(id) < rows_ ? static_cast<int>(id) : -1;
    auto it = std::lower_bound(ids_.begin(), ids_.begin() + rows_, id);
    return it != ids_.begin() + rows_ && *it == id ? static_cast<int>(it - ids_.begin()) : -1;
}

QVariant RequestTableModel::data(const QModelIndex& index, int role) const {
    const Run* run = context_->run();
    if (!run || !index.isValid() || index.row() >= rows_ || index.column() >= ColumnCount)
        return {};
    const RequestId id = requestAt(index.row());
    if (role == RequestIdRole)
        return QVariant::fromValue(static_cast<uint>(id));
    const std::uint32_t flags = run->requests.flags()[id];
    if (role == Qt::ForegroundRole && (flags & kRequestLeak))
        return TimelineColors::leakColor();
    if (role == Qt::TextAlignmentRole)
        return index.column() == Id || index.column() == UserData || index.column() == Latency ||
                       index.column() == Result || index.column() == Submit
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant();
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    if (role == Qt::ToolTipRole)
        return RequestText::summary(*run, id);
    const Request r = run->requests.get(id);
    switch (index.column()) {
    case Id: return static_cast<uint>(id);
    case UserData: return QString::number(r.userData);
    case Design: return RequestText::string(*run, r.design);
    case Op: return QString::fromLatin1(ioOpName(r.op));
    case Submitter: return RequestText::taskName(*run, r.submitter);
    case Executor: {
        const QString ex = RequestText::executors(*run, id);
        return ex.isEmpty() ? tr("(submitter)") : ex;
    }
    case Submit: return formatDuration(r.submitNs - run->startNs());
    case Latency: return formatDuration(r.latencyNs());
    case Result: return (flags & kRequestIncomplete) ? tr("incomplete") : QString::number(r.result);
    case Leak: return RequestText::leakAttributes(*run, id);
    default: return {};
    }
}

QVariant RequestTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char* names[] = {"#", "user_data", "design", "op", "submitter", "executor", "submit at",
                                  "latency", "result", "leak"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace aioscope::gui
