#pragma once
#include "model/Ids.h"

#include <QDockWidget>

class QLabel;
class QTableView;

namespace aioscope::gui {

class DocumentContext;
class RequestEventsModel;
class RequestPhaseBar;
class SnapshotCompareModel;

// Details of the selected request: a summary, its phases, the submitter's
// and executor's context snapshots side by side, and the events behind it.
class RequestDetailsDock : public QDockWidget {
    Q_OBJECT
public:
    explicit RequestDetailsDock(DocumentContext* context, QWidget* parent = nullptr);
    SnapshotCompareModel* snapshotModel() const { return snapshots_; }
    RequestEventsModel* eventsModel() const { return events_; }
    QString summaryText() const;
    // "List the N trace events that built it" (empty when the run does not link them).
    QString eventsLinkText() const;

signals:
    // The link under the summary was clicked: show these events in the event list.
    void showEventsRequested(RequestId id);

private:
    void showRequest(RequestId id);

    DocumentContext* context_;
    QLabel* summary_ = nullptr;
    QLabel* eventsLink_ = nullptr;
    RequestPhaseBar* phases_ = nullptr;
    SnapshotCompareModel* snapshots_ = nullptr;
    RequestEventsModel* events_ = nullptr;
};

} // namespace aioscope::gui
