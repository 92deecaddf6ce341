#pragma once
#include "gui/events/EventOverlay.h"
#include "gui/events/EventRows.h"
#include "model/Ids.h"

#include <QDockWidget>
#include <QElapsedTimer>
#include <QFutureWatcher>

#include <atomic>
#include <memory>

class QCheckBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace aioscope {
struct Session;
}

namespace aioscope::gui {

class DocumentContext;
class EventTableModel;

// Every event of the current run (from its event index): a virtual table
// that scrolls through millions of rows, filtered by event name (glob),
// task, CPU and text (comm, tid, event name). It follows the timeline's
// visible window; clicking an event puts a cursor on the timeline (and moves
// the window there when the event is outside it); selecting a request lists
// the events of its submitter and executors during it. Row lists and marker
// lanes are built on a worker; fields are fetched by the model's worker.
class EventListDock : public QDockWidget {
    Q_OBJECT
public:
    explicit EventListDock(DocumentContext* context, QWidget* parent = nullptr);
    ~EventListDock() override;

    const EventOverlay* overlay() const { return &overlay_; }
    EventTableModel* model() const { return model_; }
    QTableView* view() const { return view_; }
    QString statusText() const;
    // Milliseconds from asking for a new row list to the first page of fields shown (-1: not yet).
    qint64 firstPageMs() const { return firstPageMs_; }
    void setNameFilter(const QString& glob);
    void setTextFilter(const QString& text);
    // Shows event `row` as if clicked.
    void activateRow(int row);
    // Once the rows are ready: zooms the timeline around the first event of
    // this type (name or system:name) and clicks it (--select-event, screenshots).
    void selectFirstEvent(const QString& type);

signals:
    // The overlay changed (markers built, cursor moved): the timeline repaints.
    void overlayChanged();

private:
    void documentChanged();
    void rebuildRows();
    void rowsReady();
    void followWindow(TimeNs start);
    void prefetchVisible();
    void updateStatus();
    void applyPendingSelect();

    DocumentContext* context_;
    std::shared_ptr<const Session> session_; // keeps the index and markers' run alive
    std::shared_ptr<const trace::EventIndex> index_;
    EventOverlay overlay_;
    EventTableModel* model_;
    QTableView* view_;
    QLineEdit* name_;
    QLineEdit* task_;
    QLineEdit* cpu_;
    QLineEdit* text_;
    QCheckBox* follow_;
    QCheckBox* requestOnly_;
    QLabel* status_;
    QTimer* debounce_;
    QFutureWatcher<std::shared_ptr<const EventRows>> rowsWatcher_;
    QFutureWatcher<std::shared_ptr<const EventMarkers>> markersWatcher_;
    std::shared_ptr<std::atomic<bool>> cancelRows_;
    QElapsedTimer sinceAsked_;
    qint64 firstPageMs_ = -1;
    QString requestNote_;
    QString pendingSelect_;
};

} // namespace aioscope::gui
