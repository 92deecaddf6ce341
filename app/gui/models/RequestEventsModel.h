#pragma once
#include "model/Ids.h"

#include <QAbstractTableModel>

#include <vector>

namespace aioscope {
class Run;
}

namespace aioscope::gui {

// The events behind one request, in time order: submit entry and return,
// the hand-off to a queue, each execution segment's start and end (on which
// task), each context check with its evidence, and the completion.
class RequestEventsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Time, Task, Event, Detail, ColumnCount };
    explicit RequestEventsModel(QObject* parent = nullptr);

    void setRequest(const Run* run, RequestId id);
    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        TimeNs time = kNoTime;
        QString task, event, detail;
        bool leak = false;
    };
    std::vector<Row> rows_;
    TimeNs origin_ = 0;
};

} // namespace aioscope::gui
