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
class QPushButton;
class QTableView;
class QTimer;
class QToolButton;

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
// exactly the events that built it (Run::requestEvents; sessions saved
// before those links: the events of its submitter and executors during it). Row lists and marker
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
    // Lists the selected request's events (ticks "Selected request's events") and comes to the front.
    void showRequestEvents();
    // The trace moved or changed: `candidate` is checked (size, header hash)
    // on a worker; if it is the indexed trace, fields are read from it and a
    // session document remembers the new path. Answers with locateFinished.
    void locateSource(const QString& candidate);
    // Whether "Locate file…" is offered (the fields cannot be read from the recorded path).
    bool locateOffered() const;
    // The event types marked on the lanes (names or system:name), and every type the index has.
    QStringList markedKinds() const { return markedKinds_; }
    void setMarkedKinds(const QStringList& kinds);
    QStringList eventTypes() const;
    // The markers shown now (null until built).
    const EventMarkers* markers() const { return overlay_.markers(); }
    // Shows event `row` as if clicked.
    void activateRow(int row);
    // Once the rows are ready: zooms the timeline around the first event of
    // this type (name or system:name) and clicks it (--select-event, screenshots).
    void selectFirstEvent(const QString& type);

signals:
    // The overlay changed (markers built, cursor moved): the timeline repaints.
    void overlayChanged();
    void locateFinished(bool ok, const QString& message);
    // Markers of the chosen kinds are built and shown.
    void markersReady();

private:
    void documentChanged();
    void rebuildRows();
    void rowsReady();
    void followWindow(TimeNs start);
    void prefetchVisible();
    void updateStatus();
    void applyPendingSelect();
    void rebuildMarkers();
    void fillMarkMenu();
    void locateDialog();

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
    QToolButton* marks_;
    QPushButton* locate_;
    QLabel* status_;
    QTimer* debounce_;
    QFutureWatcher<std::shared_ptr<const EventRows>> rowsWatcher_;
    QFutureWatcher<std::shared_ptr<const EventMarkers>> markersWatcher_;
    std::shared_ptr<std::atomic<bool>> cancelRows_;
    QElapsedTimer sinceAsked_;
    qint64 firstPageMs_ = -1;
    QString requestNote_;
    QString pendingSelect_;
    QStringList markedKinds_;
    // Indexes whose trace the user located elsewhere: original -> the same index at the new path.
    std::vector<std::pair<std::weak_ptr<const trace::EventIndex>, std::shared_ptr<const trace::EventIndex>>> relocated_;
    bool locating_ = false;
};

} // namespace aioscope::gui
