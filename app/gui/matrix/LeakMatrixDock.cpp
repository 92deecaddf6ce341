#include "gui/matrix/LeakMatrixDock.h"

#include "gui/DocumentContext.h"
#include "gui/matrix/LeakMatrixModel.h"
#include "model/Session.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace aioscope::gui {

LeakMatrixDock::LeakMatrixDock(DocumentContext* ctx, QWidget* parent)
    : QDockWidget("Leak matrix", parent), ctx_(ctx), model_(new LeakMatrixModel(this)), view_(new QTableView),
      status_(new QLabel) {
    setObjectName("LeakMatrixDock");
    view_->setModel(model_);
    view_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view_->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->setMouseTracking(true);
    status_->setWordWrap(true);
    status_->setText("Hover a cell for its evidence; click one to show the requests involved.");
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(view_);
    layout->addWidget(status_);
    setWidget(body);
    connect(view_, &QTableView::clicked, this, &LeakMatrixDock::cellClicked);
    if (ctx_) {
        auto refresh = [this] { setSession(ctx_->session(), ctx_->runIndex()); };
        connect(ctx_, &DocumentContext::documentChanged, this, refresh);
        connect(ctx_, &DocumentContext::runChanged, this, refresh);
        refresh();
    }
}

void LeakMatrixDock::setSession(std::shared_ptr<const Session> session, int runIndex) {
    session_ = std::move(session);
    model_->setSession(session_.get(), runIndex);
    if (!session_ || model_->rowCount() == 0)
        status_->setText("No probe results and no leaking context checks in this run. Run `aioscope probe` "
                         "or the engine to fill the matrix.");
    else
        status_->setText("Hover a cell for its evidence; click one to show the requests of the current run "
                         "that leaked it.");
}

void LeakMatrixDock::cellClicked(const QModelIndex& index) {
    const auto ids = model_->requestsAt(index);
    const QString where = model_->headerData(index.row(), Qt::Vertical).toString() + " × " +
                          model_->headerData(index.column(), Qt::Horizontal).toString();
    if (ids.empty()) {
        status_->setText(where + ": no request of the current run leaked this attribute.");
    } else {
        status_->setText(QString("%1: %2 requests highlighted; the first is selected.").arg(where).arg(ids.size()));
    }
    std::vector<unsigned> out(ids.begin(), ids.end());
    emit requestsActivated(out);
    if (ctx_ && !ids.empty()) {
        ctx_->highlightRequests(ids);
        ctx_->selectRequest(ids.front());
    }
}

} // namespace aioscope::gui
