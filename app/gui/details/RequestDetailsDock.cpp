#include "gui/details/RequestDetailsDock.h"

#include "gui/DocumentContext.h"
#include "gui/RequestText.h"
#include "gui/details/RequestPhaseBar.h"
#include "gui/models/RequestEventsModel.h"
#include "gui/models/SnapshotCompareModel.h"
#include "model/Run.h"

#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace aioscope::gui {

namespace {
QTableView* makeTable(QAbstractItemModel* model, QWidget* parent) {
    auto* view = new QTableView(parent);
    view->setModel(model);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setWordWrap(false);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    return view;
}
} // namespace

RequestDetailsDock::RequestDetailsDock(DocumentContext* context, QWidget* parent)
    : QDockWidget(tr("Request details"), parent), context_(context) {
    setObjectName(QStringLiteral("RequestDetailsDock"));
    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);
    summary_ = new QLabel(tr("Click a request in the timeline."), body);
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    eventsLink_ = new QLabel(body);
    eventsLink_->setObjectName(QStringLiteral("eventsLink"));
    eventsLink_->setTextFormat(Qt::RichText);
    eventsLink_->setVisible(false);
    connect(eventsLink_, &QLabel::linkActivated, this,
            [this] { emit showEventsRequested(context_->selectedRequest()); });
    phases_ = new RequestPhaseBar(body);
    snapshots_ = new SnapshotCompareModel(this);
    events_ = new RequestEventsModel(this);
    auto* split = new QSplitter(Qt::Horizontal, body);
    auto* snapshotTable = makeTable(snapshots_, split);
    snapshotTable->setObjectName(QStringLiteral("snapshotTable"));
    split->addWidget(snapshotTable);
    auto* eventsTable = makeTable(events_, split);
    // A request has a handful of events: their time, task and name fit in full.
    for (int c = RequestEventsModel::Time; c < RequestEventsModel::Detail; ++c)
        eventsTable->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    split->addWidget(eventsTable);
    split->setStretchFactor(1, 2);
    layout->addWidget(summary_);
    layout->addWidget(eventsLink_);
    layout->addWidget(phases_);
    layout->addWidget(split, 1);
    setWidget(body);
    connect(context_, &DocumentContext::selectionChanged, this, &RequestDetailsDock::showRequest);
    connect(context_, &DocumentContext::documentChanged, this, [this] { showRequest(context_->selectedRequest()); });
    connect(context_, &DocumentContext::runChanged, this, [this] { showRequest(context_->selectedRequest()); });
}

QString RequestDetailsDock::summaryText() const { return summary_->text(); }

QString RequestDetailsDock::eventsLinkText() const { return eventsLink_->isVisibleTo(this) ? eventsLink_->text() : QString(); }

void RequestDetailsDock::showRequest(RequestId id) {
    const Run* run = context_->run();
    if (!run || id >= run->requests.size()) {
        summary_->setText(tr("Click a request in the timeline."));
        phases_->setRequest(nullptr, kNoRequest);
        snapshots_->setSnapshots(nullptr, std::nullopt, std::nullopt);
        events_->setRequest(nullptr, kNoRequest);
        eventsLink_->setVisible(false);
        return;
    }
    const Request r = run->requests.get(id);
    QString text = RequestText::summary(*run, id).toHtmlEscaped();
    text += QStringLiteral("<br>") + RequestText::verdictHtml(*run, id);
    summary_->setText(text);
    phases_->setRequest(run, id);
    auto snap = [&](SnapshotId s) -> std::optional<ContextSnapshot> {
        return s < run->snapshots.size() ? std::optional<ContextSnapshot>(run->snapshots[s]) : std::nullopt;
    };
    snapshots_->setSnapshots(run, snap(r.submitterSnapshot), snap(r.executorSnapshot));
    // Nothing to compare (a trace without snapshots): the events get the room.
    if (auto* table = findChild<QWidget*>(QStringLiteral("snapshotTable")))
        table->setVisible(snap(r.submitterSnapshot) || snap(r.executorSnapshot));
    events_->setRequest(run, id);
    const auto linked = run->requestEvents.of(id);
    eventsLink_->setVisible(events_->showsTraceEvents());
    eventsLink_->setText(tr("<a href=\"events\">List the %n trace event(s) that built it in the Events list</a>", nullptr,
                            static_cast<int>(linked.size())));
}

} // namespace aioscope::gui
