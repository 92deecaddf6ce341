#pragma once
#include <QDockWidget>

#include <memory>

class QLabel;
class QTableView;

namespace aioscope {
struct Session;
}

namespace aioscope::gui {

class DocumentContext;
class LeakMatrixModel;

// The leak matrix dock: designs x probes, evidence on hover, a click on a cell
// highlights (and selects the first of) the requests of that design whose
// context checks leaked that attribute in the current run.
class LeakMatrixDock : public QDockWidget {
    Q_OBJECT
public:
    explicit LeakMatrixDock(DocumentContext* ctx, QWidget* parent = nullptr);
    void setSession(std::shared_ptr<const Session> session, int runIndex);
    LeakMatrixModel* model() const { return model_; }
    QTableView* view() const { return view_; }

signals:
    // The requests behind a clicked cell (also sent to the DocumentContext).
    void requestsActivated(std::vector<unsigned> requestIds);

private:
    void cellClicked(const QModelIndex& index);

    DocumentContext* ctx_;
    std::shared_ptr<const Session> session_;
    LeakMatrixModel* model_;
    QTableView* view_;
    QLabel* status_;
};

} // namespace aioscope::gui
