#pragma once
#include "model/Ids.h"

#include <QAbstractTableModel>

#include <vector>

namespace aioscope {
class Run;
}

namespace aioscope::gui {

// The events behind one request, in time order. For an imported trace with
// an event index: exactly the trace events the importer built the request
// from (Run::requestEvents), with what each was to it, and each context
// check with its evidence. Otherwise (engine runs, older sessions) the
// request's own times: submit entry and return, the hand-off to a queue,
// each execution segment's start and end, the checks and the completion.
class RequestEventsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Time, Task, Event, Detail, ColumnCount };
    explicit RequestEventsModel(QObject* parent = nullptr);

    void setRequest(const Run* run, RequestId id);
    // Whether the rows are the trace's linked events (not times rebuilt from the request).
    bool showsTraceEvents() const { return linked_; }
    // The event-index ids of the rows that are trace events, in row order.
    std::vector<std::uint32_t> eventIds() const;
    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    static constexpr std::uint32_t kNoEvent = 0xFFFFFFFFu;
    struct Row {
        TimeNs time = kNoTime;
        QString task, event, detail;
        bool leak = false;
        std::uint32_t eventId = kNoEvent; // id in the run's event index, for trace events
    };
    void appendChecks(const Run& run, RequestId id);
    void sortRows();
    std::vector<Row> rows_;
    bool linked_ = false;
    TimeNs origin_ = 0;
};

} // namespace aioscope::gui
