#pragma once
#include "model/Ids.h"
#include "model/TaskActivity.h"

#include <QAbstractTableModel>

#include <vector>

namespace aioscope::gui {

class DocumentContext;

// The tasks of the current run with what they did to the I/O, in the
// timeline's lane order (the tasks that did I/O first, each submitter
// followed by the threads that served it; then the rest by how many
// requests they had). A sort proxy over it sorts by column; sorting by
// column -1 gives this order back.
class TaskListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    // The counts right after the name: a narrow dock shows them without scrolling.
    // The tid after them: the task is named by its comm, the tid is a tie-break.
    enum Column { Comm, Submitted, Executed, Leaks, Tid, Role, Parent, ColumnCount };
    static constexpr int TaskIdRole = Qt::UserRole + 1;

    explicit TaskListModel(DocumentContext* context, QObject* parent = nullptr);
    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    // The task shown on a row.
    TaskId taskAt(int row) const;

private:
    void rebuild();
    DocumentContext* context_;
    std::vector<TaskActivity> counts_; // per task
    std::vector<TaskId> rows_;   // lane order
};

} // namespace aioscope::gui
