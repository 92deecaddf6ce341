#pragma once
#include "model/ContextSnapshot.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <optional>
#include <vector>

namespace aioscope {
class Run;
}

namespace aioscope::gui {

// The submitter's and the executor's context snapshots side by side, one row
// per attribute; rows where the two differ are marked.
class SnapshotCompareModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Attribute, Submitter, Executor, ColumnCount };
    explicit SnapshotCompareModel(QObject* parent = nullptr);

    void setSnapshots(const Run* run, std::optional<ContextSnapshot> submitter, std::optional<ContextSnapshot> executor);
    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool rowDiffers(int row) const;

private:
    struct Row {
        QString name;
        QString submitter;
        QString executor;
        bool differs = false;
    };
    std::vector<Row> rows_;
};

} // namespace aioscope::gui
