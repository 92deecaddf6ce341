#include "gui/annotations/AnnotationsModel.h"

#include "gui/timeline/TimeFormat.h"

#include <algorithm>

namespace aioscope::gui {

namespace {
bool before(const Annotation& a, const Annotation& b) {
    return a.run != b.run ? a.run < b.run : a.startNs < b.startNs;
}
} // namespace

AnnotationsModel::AnnotationsModel(QObject* parent) : QAbstractTableModel(parent) {}

void AnnotationsModel::setAnnotations(std::vector<Annotation> annotations, std::vector<TimeNs> runOrigins) {
    beginResetModel();
    items_ = std::move(annotations);
    std::stable_sort(items_.begin(), items_.end(), before);
    origins_ = std::move(runOrigins);
    endResetModel();
}

const Annotation* AnnotationsModel::at(int row) const {
    return row >= 0 && row < rowCount() ? &items_[static_cast<std::size_t>(row)] : nullptr;
}

int AnnotationsModel::add(const Annotation& a) {
    const auto pos = std::upper_bound(items_.begin(), items_.end(), a, before);
    const int row = static_cast<int>(pos - items_.begin());
    beginInsertRows({}, row, row);
    items_.insert(pos, a);
    endInsertRows();
    return row;
}

void AnnotationsModel::replace(int row, const Annotation& a) {
    if (!at(row))
        return;
    items_[static_cast<std::size_t>(row)] = a;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void AnnotationsModel::remove(int row) {
    if (!at(row))
        return;
    beginRemoveRows({}, row, row);
    items_.erase(items_.begin() + row);
    endRemoveRows();
}

int AnnotationsModel::rowOfId(std::int64_t id) const {
    for (std::size_t i = 0; i < items_.size(); ++i)
        if (items_[i].id == id)
            return static_cast<int>(i);
    return -1;
}

int AnnotationsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(items_.size());
}

int AnnotationsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QString AnnotationsModel::timeText(const Annotation& a, TimeNs t) const {
    if (t == kNoTime)
        return {};
    const TimeNs origin = a.run < origins_.size() && origins_[a.run] != kNoTime ? origins_[a.run] : 0;
    return formatDuration(t - origin); // "18.12 ms": a few digits in the natural unit
}

QVariant AnnotationsModel::data(const QModelIndex& index, int role) const {
    const Annotation* a = index.isValid() ? at(index.row()) : nullptr;
    if (!a || index.column() >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case KindColumn: return a->bookmark ? QString("bookmark") : QString("note");
        case StartColumn: return timeText(*a, a->startNs);
        case EndColumn: return timeText(*a, a->endNs);
        case TextColumn: return QString::fromStdString(a->text);
        case AuthorColumn: return QString::fromStdString(a->author);
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole)
        return QString("%1\n— %2, %3")
            .arg(QString::fromStdString(a->text), QString::fromStdString(a->author), QString::fromStdString(a->createdUtc));
    if (role == Qt::UserRole)
        return QVariant::fromValue<qint64>(a->id);
    return {};
}

QVariant AnnotationsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal)
        return {};
    static const char* names[] = {"kind", "from", "to", "text", "author"};
    return section >= 0 && section < ColumnCount ? QVariant(names[section]) : QVariant();
}

} // namespace aioscope::gui
