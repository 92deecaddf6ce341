#pragma once
#include "model/Ids.h"

#include <QAbstractTableModel>

#include <vector>

namespace aioscope::gui {

class DocumentContext;

// The tasks of the current run with what they did to the I/O.
class TaskListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    // The counts right after the name: a narrow dock shows them without scrolling.
    enum Column { Comm, Tid, Submitted, Executed, Leaks, Role, Parent, ColumnCount };
    static constexpr int TaskIdRole = Qt::UserRole + 1;

    explicit TaskListModel(DocumentContext* context, QObject* parent = nullptr);
    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void rebuild();
    struct Counts {
        std::uint64_t submitted = 0, executedForOthers = 0, leaks = 0;
    };
    DocumentContext* context_;
    std::vector<Counts> counts_;
};

} // namespace aioscope::gui
