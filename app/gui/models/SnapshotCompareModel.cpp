#include "gui/models/SnapshotCompareModel.h"

#include "gui/RequestText.h"
#include "gui/timeline/TimelineColors.h"
#include "model/Run.h"

#include <QFont>

namespace aioscope::gui {

namespace {
QString hex(std::uint64_t v) { return QStringLiteral("0x%1").arg(v, 0, 16); }

// (field, name, formatter)
struct FieldView {
    ContextSnapshot::Field field;
    const char* name;
    QString (*format)(const Run&, const ContextSnapshot&);
};
const FieldView kFields[] = {
    {ContextSnapshot::kTid, "tid / pid", [](const Run&, const ContextSnapshot& s) { return QStringLiteral("%1 / %2").arg(s.tid).arg(s.pid); }},
    {ContextSnapshot::kUids, "uid / euid / fsuid", [](const Run&, const ContextSnapshot& s) { return QStringLiteral("%1 / %2 / %3").arg(s.uid).arg(s.euid).arg(s.fsuid); }},
    {ContextSnapshot::kGids, "gid / fsgid", [](const Run&, const ContextSnapshot& s) { return QStringLiteral("%1 / %2").arg(s.gid).arg(s.fsgid); }},
    {ContextSnapshot::kCaps, "capabilities (effective)", [](const Run&, const ContextSnapshot& s) { return hex(s.capEffective); }},
    {ContextSnapshot::kIoprio, "ioprio", [](const Run&, const ContextSnapshot& s) { return QStringLiteral("class %1 data %2").arg(s.ioprio >> 13).arg(s.ioprio & 0x1fff); }},
    {ContextSnapshot::kNice, "nice", [](const Run&, const ContextSnapshot& s) { return QString::number(s.nice); }},
    {ContextSnapshot::kAffinity, "CPU affinity", [](const Run&, const ContextSnapshot& s) { return hex(s.affinityMask); }},
    {ContextSnapshot::kCpu, "CPU", [](const Run&, const ContextSnapshot& s) { return QString::number(s.cpu); }},
    {ContextSnapshot::kCwd, "cwd", [](const Run& r, const ContextSnapshot& s) { return RequestText::string(r, s.cwd); }},
    {ContextSnapshot::kRlimitFsize, "RLIMIT_FSIZE", [](const Run&, const ContextSnapshot& s) { return s.rlimitFsize == ~0ull ? QStringLiteral("unlimited") : QString::number(s.rlimitFsize); }},
    {ContextSnapshot::kSigmask, "blocked signals", [](const Run&, const ContextSnapshot& s) { return hex(s.blockedSignals); }},
};
} // namespace

SnapshotCompareModel::SnapshotCompareModel(QObject* parent) : QAbstractTableModel(parent) {}

void SnapshotCompareModel::setSnapshots(const Run* run, std::optional<ContextSnapshot> sub, std::optional<ContextSnapshot> exe) {
    beginResetModel();
    rows_.clear();
    if (run && (sub || exe)) {
        for (const auto& f : kFields) {
            const bool hs = sub && sub->has(f.field);
            const bool he = exe && exe->has(f.field);
            if (!hs && !he)
                continue;
            Row row;
            row.name = tr(f.name);
            row.submitter = hs ? f.format(*run, *sub) : tr("not seen");
            row.executor = he ? f.format(*run, *exe) : tr("not seen");
            // A different tid is expected for a worker; it is the other rows that matter.
            row.differs = hs && he && row.submitter != row.executor && f.field != ContextSnapshot::kTid &&
                          f.field != ContextSnapshot::kCpu;
            rows_.push_back(row);
        }
    } else if (run) {
        rows_.push_back({tr("(no snapshots)"), tr("this source recorded no context snapshots"), QString(), false});
    }
    endResetModel();
}

bool SnapshotCompareModel::rowDiffers(int row) const {
    return row >= 0 && row < static_cast<int>(rows_.size()) && rows_[static_cast<std::size_t>(row)].differs;
}

int SnapshotCompareModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : static_cast<int>(rows_.size()); }
int SnapshotCompareModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant SnapshotCompareModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= static_cast<int>(rows_.size()) || index.column() >= ColumnCount)
        return {};
    const Row& r = rows_[static_cast<std::size_t>(index.row())];
    if (role == Qt::ForegroundRole && r.differs && index.column() != Attribute)
        return TimelineColors::leakColor();
    if (role == Qt::FontRole && r.differs) {
        QFont f;
        f.setBold(true);
        return f;
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case Attribute: return r.name;
    case Submitter: return r.submitter;
    case Executor: return r.executor;
    default: return {};
    }
}

QVariant SnapshotCompareModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char* names[] = {"attribute", "submitter", "executor"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace aioscope::gui
