#include "gui/events/EventListDock.h"

#include "gui/DocumentContext.h"
#include "gui/events/EventTableModel.h"
#include "model/Run.h"
#include "store/SessionStore.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QPixmap>
#include <QPushButton>
#include <QToolButton>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <limits>

namespace aioscope::gui {

EventListDock::EventListDock(DocumentContext* context, QWidget* parent)
    : QDockWidget(tr("Events"), parent), context_(context) {
    setObjectName(QStringLiteral("EventListDock"));
    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* bar = new QHBoxLayout;
    auto edit = [&](const QString& placeholder, int width) {
        auto* e = new QLineEdit(body);
        e->setPlaceholderText(placeholder);
        e->setClearButtonEnabled(true);
        if (width > 0)
            e->setMaximumWidth(width);
        bar->addWidget(e);
        return e;
    };
    name_ = edit(tr("event (glob: sched_*)"), 0);
    task_ = edit(tr("tid"), 80);
    cpu_ = edit(tr("cpu"), 60);
    text_ = edit(tr("text: comm, tid, event"), 0);
    follow_ = new QCheckBox(tr("Follow timeline"), body);
    follow_->setChecked(true);
    requestOnly_ = new QCheckBox(tr("Selected request's events"), body);
    requestOnly_->setChecked(true);
    requestOnly_->setToolTip(tr("With a request selected, list exactly the trace events it was built from: "
                                "its submit, queueing, execution start, block and completion events."));
    bar->addWidget(follow_);
    bar->addWidget(requestOnly_);
    // Which event types get a marker on their task's lane.
    marks_ = new QToolButton(body);
    marks_->setObjectName(QStringLiteral("markKinds"));
    marks_->setPopupMode(QToolButton::InstantPopup);
    marks_->setToolButtonStyle(Qt::ToolButtonTextOnly);
    marks_->setToolTip(tr("Event types marked on the task lanes (signal_generate and cap_capable consult the "
                          "submitter's context)"));
    marks_->setMenu(new QMenu(marks_));
    bar->addWidget(marks_);
    layout->addLayout(bar);
    for (const auto& k : EventMarkers::defaultKinds())
        markedKinds_ << QString::fromStdString(k);

    model_ = new EventTableModel(this);
    view_ = new QTableView(body);
    view_->setModel(model_);
    view_->verticalHeader()->hide();
    view_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view_->verticalHeader()->setDefaultSectionSize(view_->fontMetrics().height() + 4);
    view_->horizontalHeader()->setStretchLastSection(true);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->setWordWrap(false);
    view_->setFont(QFont(QStringLiteral("Monospace"), font().pointSize() - 1));
    // Fixed widths: a virtual table must never measure its rows.
    const int digit = view_->fontMetrics().horizontalAdvance(QLatin1Char('0'));
    view_->setColumnWidth(EventTableModel::Time, digit * 22);
    view_->setColumnWidth(EventTableModel::Cpu, digit * 5);
    view_->setColumnWidth(EventTableModel::Task, digit * 22);
    view_->setColumnWidth(EventTableModel::Event, digit * 40);
    layout->addWidget(view_, 1);
    status_ = new QLabel(body);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    status_->setWordWrap(true);
    // Where the fields would be, when the trace is not where the session says: find it.
    auto* statusRow = new QHBoxLayout;
    statusRow->addWidget(status_, 1);
    locate_ = new QPushButton(tr("Locate file…"), body);
    locate_->setObjectName(QStringLiteral("locateSource"));
    locate_->setToolTip(tr("Pick the trace where it is now; it is checked by size and a hash of its header"));
    locate_->setVisible(false);
    connect(locate_, &QPushButton::clicked, this, &EventListDock::locateDialog);
    statusRow->addWidget(locate_, 0, Qt::AlignTop);
    layout->addLayout(statusRow);
    setWidget(body);

    debounce_ = new QTimer(this);
    debounce_->setSingleShot(true);
    debounce_->setInterval(200);
    connect(debounce_, &QTimer::timeout, this, &EventListDock::rebuildRows);
    for (QLineEdit* e : {name_, task_, cpu_, text_})
        connect(e, &QLineEdit::textChanged, debounce_, qOverload<>(&QTimer::start));
    connect(requestOnly_, &QCheckBox::toggled, this, &EventListDock::rebuildRows);
    connect(follow_, &QCheckBox::toggled, this, [this](bool on) {
        if (on)
            followWindow(context_->windowStart());
    });
    connect(&rowsWatcher_, &QFutureWatcher<std::shared_ptr<const EventRows>>::finished, this,
            &EventListDock::rowsReady);
    connect(&markersWatcher_, &QFutureWatcher<std::shared_ptr<const EventMarkers>>::finished, this, [this] {
        overlay_.setMarkers(markersWatcher_.result());
        updateStatus();
        emit overlayChanged();
        emit markersReady();
    });
    connect(context_, &DocumentContext::documentChanged, this, &EventListDock::documentChanged);
    connect(context_, &DocumentContext::runChanged, this, &EventListDock::documentChanged);
    connect(context_, &DocumentContext::selectionChanged, this, [this] {
        if (requestOnly_->isChecked())
            rebuildRows();
    });
    connect(context_, &DocumentContext::timeWindowChanged, this, [this](TimeNs start, TimeNs) {
        if (follow_->isChecked())
            followWindow(start);
    });
    connect(view_->verticalScrollBar(), &QScrollBar::valueChanged, this, &EventListDock::prefetchVisible);
    connect(model_, &EventTableModel::modelReset, this,
            [this] { QTimer::singleShot(0, this, &EventListDock::prefetchVisible); });
    connect(model_, &EventTableModel::pageFetched, this, [this] {
        if (firstPageMs_ < 0 && sinceAsked_.isValid()) {
            firstPageMs_ = sinceAsked_.elapsed();
            updateStatus();
        }
    });
    connect(model_, &EventTableModel::fieldsUnavailable, this, &EventListDock::updateStatus);
    connect(view_, &QTableView::clicked, this, [this](const QModelIndex& i) { activateRow(i.row()); });
    documentChanged();
}

EventListDock::~EventListDock() {
    if (cancelRows_)
        *cancelRows_ = true;
    rowsWatcher_.waitForFinished();
    markersWatcher_.waitForFinished();
}

void EventListDock::setNameFilter(const QString& glob) {
    name_->setText(glob);
    rebuildRows();
}

void EventListDock::setTextFilter(const QString& text) {
    text_->setText(text);
    rebuildRows();
}

void EventListDock::showRequestEvents() {
    show();
    raise();
    if (requestOnly_->isChecked())
        rebuildRows();
    else
        requestOnly_->setChecked(true); // rebuilds
}

void EventListDock::documentChanged() {
    session_ = context_->session();
    const Run* run = context_->run();
    auto index = run ? run->eventIndex : nullptr;
    // A trace the user located elsewhere keeps being read from there.
    std::erase_if(relocated_, [](const auto& r) { return r.first.expired(); });
    for (const auto& [original, moved] : relocated_)
        if (index && original.lock() == index)
            index = moved;
    if (index == index_)
        return;
    index_ = index;
    overlay_.setMarkers(nullptr);
    overlay_.setCursor(kNoTime, UINT32_MAX);
    emit overlayChanged();
    if (index_)
        model_->prepare(index_);
    fillMarkMenu();
    rebuildMarkers();
    rebuildRows();
}

void EventListDock::rebuildMarkers() {
    const Run* run = context_->run();
    if (!index_ || !run)
        return;
    std::vector<std::string> kinds;
    for (const QString& k : markedKinds_)
        kinds.push_back(k.toStdString());
    // The run lives as long as session_ (held here and by the watcher's closure).
    markersWatcher_.setFuture(QtConcurrent::run(
        [session = session_, run, kinds = std::move(kinds)] { return EventMarkers::build(*run, kinds); }));
}

QStringList EventListDock::eventTypes() const {
    QStringList out;
    if (index_)
        for (const auto& t : index_->types())
            out << QString::fromStdString(t.name);
    out.removeDuplicates();
    out.sort();
    return out;
}

void EventListDock::setMarkedKinds(const QStringList& kinds) {
    QStringList unique = kinds;
    unique.removeDuplicates();
    if (unique.size() > 255)
        unique = unique.mid(0, 255); // a marker's kind is one byte
    if (unique == markedKinds_)
        return;
    markedKinds_ = unique;
    fillMarkMenu();
    rebuildMarkers();
}

void EventListDock::fillMarkMenu() {
    QMenu* menu = marks_->menu();
    menu->clear();
    const QStringList types = eventTypes();
    // The context-consulting types first (marked by default), then every type of the trace.
    QStringList order;
    for (const auto& k : EventMarkers::defaultKinds())
        order << QString::fromStdString(k);
    for (const QString& k : markedKinds_)
        if (!order.contains(k))
            order << k;
    for (const QString& t : types)
        if (!order.contains(t))
            order << t;
    for (const QString& t : order) {
        auto* a = menu->addAction(t);
        a->setCheckable(true);
        a->setChecked(markedKinds_.contains(t));
        a->setEnabled(types.contains(t) || markedKinds_.contains(t));
        if (const int k = static_cast<int>(markedKinds_.indexOf(t)); k >= 0) {
            QPixmap swatch(10, 10);
            swatch.fill(EventOverlay::kindColor(static_cast<std::size_t>(k)));
            a->setIcon(QIcon(swatch));
        }
        connect(a, &QAction::toggled, this, [this, t](bool on) {
            QStringList kinds = markedKinds_;
            if (on)
                kinds << t;
            else
                kinds.removeAll(t);
            // Rebuilt after the menu's own signal is done with this action.
            QTimer::singleShot(0, this, [this, kinds] { setMarkedKinds(kinds); });
        });
    }
    marks_->setText(tr("Mark (%1)").arg(markedKinds_.size()));
}

bool EventListDock::locateOffered() const { return locate_->isVisibleTo(this); }

void EventListDock::locateDialog() {
    if (!index_)
        return;
    const auto& source = index_->source();
    const QString was = QString::fromStdString(source.path);
    const QString dir = QFileInfo(was).absolutePath();
    const QString path =
        source.format == "ctf"
            ? QFileDialog::getExistingDirectory(this, tr("Locate the CTF trace %1").arg(QFileInfo(was).fileName()), dir)
            : QFileDialog::getOpenFileName(this, tr("Locate %1").arg(QFileInfo(was).fileName()), dir);
    if (!path.isEmpty())
        locateSource(path);
}

void EventListDock::locateSource(const QString& candidate) {
    if (!index_ || locating_)
        return;
    locating_ = true;
    locate_->setEnabled(false);
    const QString session = context_->documentPath();
    const int runIndex = context_->runIndex();
    const bool isSession = !session.isEmpty() && session.endsWith(QLatin1String(".aioscope"));
    auto* watcher = new QFutureWatcher<std::pair<std::shared_ptr<const trace::EventIndex>, QString>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, original = index_] {
        watcher->deleteLater();
        locating_ = false;
        locate_->setEnabled(true);
        auto [moved, message] = watcher->result();
        if (moved && index_ == original) {
            // The run's own index (maybe already a relocated one) maps to the new place.
            const Run* run = context_->run();
            std::shared_ptr<const trace::EventIndex> key = run ? run->eventIndex : original;
            std::erase_if(relocated_, [&](const auto& r) { return r.first.lock() == key; });
            relocated_.emplace_back(key, moved);
            index_ = moved;
            model_->prepare(index_);
            rebuildRows();
        }
        updateStatus();
        emit locateFinished(moved != nullptr, message);
    });
    // Hashing the candidate and writing the session are I/O: off the GUI thread.
    watcher->setFuture(QtConcurrent::run([index = index_, candidate, session, runIndex, isSession]()
                                             -> std::pair<std::shared_ptr<const trace::EventIndex>, QString> {
        auto located = index->source().located(candidate.toStdString());
        if (!located)
            return {nullptr, QString::fromStdString(located.error().message)};
        QString message = tr("Reading fields from %1").arg(QString::fromStdString(located->path));
        if (isSession && runIndex >= 0) {
            auto saved = store::SessionStore::relocateEventSource(session.toStdString(), static_cast<std::uint32_t>(runIndex),
                                                                  located->path, located->size, located->headHash);
            message += saved ? tr(" (the session remembers it)")
                             : tr(" (not remembered: %1)").arg(QString::fromStdString(saved.error().message));
        }
        return {std::make_shared<const trace::EventIndex>(*located, index->columns()), message};
    }));
}

void EventListDock::rebuildRows() {
    debounce_->stop();
    if (cancelRows_)
        *cancelRows_ = true;
    if (!index_) {
        model_->setRows(nullptr);
        updateStatus();
        return;
    }
    EventRows::Query q;
    q.filter.nameGlob = name_->text().trimmed().toStdString();
    bool ok = false;
    if (const int tid = task_->text().trimmed().toInt(&ok); ok)
        q.filter.tid = tid;
    if (const int cpu = cpu_->text().trimmed().toInt(&ok); ok)
        q.filter.cpu = cpu;
    q.text = text_->text().trimmed().toStdString();
    requestNote_.clear();
    const Run* run = context_->run();
    const RequestId selected = context_->selectedRequest();
    if (requestOnly_->isChecked() && run && selected < run->requests.size() && !run->requestEvents.empty()) {
        // Exactly the events the importer built the request from.
        const auto ids = run->requestEvents.of(selected);
        q.ids.assign(ids.begin(), ids.end());
        if (q.ids.empty())
            q.ids.push_back(std::numeric_limits<std::uint32_t>::max()); // none: an empty list, not every event
        requestNote_ = tr("request %1: the %n event(s) that built it", nullptr, static_cast<int>(ids.size())).arg(selected);
    } else if (requestOnly_->isChecked() && run && selected < run->requests.size()) {
        const Request r = run->requests.get(selected);
        const TaskId submitter = run->requests.submitter()[selected];
        if (submitter < run->tasks.size())
            q.tids.push_back(run->tasks[submitter].tid);
        for (const ExecSegment& s : run->segmentsOf(selected))
            if (s.task < run->tasks.size())
                q.tids.push_back(run->tasks[s.task].tid);
        q.filter.from = r.submitNs;
        q.filter.to = r.completeNs != kNoTime ? r.completeNs : kNoTime;
        requestNote_ = tr("request %1: events of its submitter and executors from submit to completion (this "
                          "session does not say which events built it: import the trace again)")
                           .arg(selected);
    }
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    cancelRows_ = cancel;
    sinceAsked_.start();
    firstPageMs_ = -1;
    rowsWatcher_.setFuture(QtConcurrent::run([index = index_, q = std::move(q), cancel]() mutable {
        return EventRows::build(index, std::move(q), cancel.get());
    }));
}

void EventListDock::rowsReady() {
    auto rows = rowsWatcher_.result();
    if (!rows || rows->indexPtr() != index_)
        return; // cancelled or overtaken
    model_->setRows(rows);
    if (follow_->isChecked() && requestNote_.isEmpty())
        followWindow(context_->windowStart());
    updateStatus();
    applyPendingSelect();
}

void EventListDock::selectFirstEvent(const QString& type) {
    pendingSelect_ = type;
    applyPendingSelect();
}

void EventListDock::applyPendingSelect() {
    const EventRows* rows = model_->rows();
    if (pendingSelect_.isEmpty() || !rows || !index_)
        return;
    const std::string wanted = pendingSelect_.toStdString();
    pendingSelect_.clear();
    const auto& keys = index_->columns().keys;
    const auto& key = index_->columns().key;
    for (std::size_t i = 0; i < index_->size(); ++i) {
        const auto& t = index_->type(keys[key[i]].type);
        if (t.name != wanted && t.label() != wanted)
            continue;
        const TimeNs ts = index_->ts(i);
        const Run* run = context_->run();
        const TimeNs span = run ? std::max<TimeNs>((run->endNs() - run->startNs()) / 40, 20000) : 1000000;
        context_->setTimeWindow(ts - span / 3, ts + span);
        std::size_t row = rows->rowAtOrAfter(ts);
        while (row < rows->size() && rows->id(row) != i)
            ++row;
        if (row < rows->size()) {
            activateRow(static_cast<int>(row));
            view_->scrollTo(model_->index(static_cast<int>(row), 0), QAbstractItemView::PositionAtCenter);
            prefetchVisible();
        }
        return;
    }
}

void EventListDock::followWindow(TimeNs start) {
    const EventRows* rows = model_->rows();
    if (!rows || rows->size() == 0)
        return;
    const std::size_t row = std::min(rows->rowAtOrAfter(start), rows->size() - 1);
    view_->scrollTo(model_->index(static_cast<int>(row), 0), QAbstractItemView::PositionAtTop);
    prefetchVisible();
}

void EventListDock::prefetchVisible() {
    if (!model_->rows())
        return;
    const int first = std::max(0, view_->rowAt(0));
    int last = view_->rowAt(view_->viewport()->height() - 1);
    if (last < 0)
        last = std::min(model_->rowCount() - 1, first + 64);
    model_->prefetch(first, last);
}

void EventListDock::activateRow(int row) {
    const EventRows* rows = model_->rows();
    if (!rows || row < 0 || static_cast<std::size_t>(row) >= rows->size())
        return;
    const std::size_t id = rows->id(static_cast<std::size_t>(row));
    const TimeNs ts = rows->index().ts(id);
    overlay_.setCursor(ts, static_cast<std::uint32_t>(id));
    view_->selectRow(row);
    const TimeNs t0 = context_->windowStart(), t1 = context_->windowEnd();
    if (ts < t0 || ts > t1) {
        const TimeNs half = std::max<TimeNs>((t1 - t0) / 2, 1000);
        const bool follow = follow_->isChecked();
        follow_->blockSignals(true);
        follow_->setChecked(false); // the list stays on the clicked row
        context_->setTimeWindow(ts - half, ts + half);
        follow_->setChecked(follow);
        follow_->blockSignals(false);
    }
    updateStatus();
    emit overlayChanged();
}

QString EventListDock::statusText() const {
    return status_->text();
}

void EventListDock::updateStatus() {
    if (!index_) {
        status_->setText(tr("No event index: open a trace (engine runs and sessions saved before aioscope kept "
                            "events have none)."));
        locate_->setVisible(false);
        return;
    }
    const EventRows* rows = model_->rows();
    QString text =
        tr("%L1 of %L2 events · index %3 bytes/event")
            .arg(rows ? static_cast<qulonglong>(rows->size()) : 0ull)
            .arg(static_cast<qulonglong>(index_->size()))
            .arg(index_->size() ? static_cast<double>(index_->memoryBytes()) / index_->size() : 0.0, 0, 'f', 1);
    if (const EventMarkers* m = overlay_.markers()) {
        QStringList kinds;
        for (const auto& k : m->kinds)
            kinds << QString::fromStdString(k);
        text += tr(" · %L1 marked (%2)").arg(static_cast<qulonglong>(m->count)).arg(kinds.join(QStringLiteral(", ")));
    }
    if (firstPageMs_ >= 0)
        text += tr(" · first page in %1 ms").arg(firstPageMs_);
    if (overlay_.cursor() != kNoTime)
        text += tr(" · cursor at %1 s").arg(EventTableModel::timeText(overlay_.cursor()));
    if (!requestNote_.isEmpty())
        text += QStringLiteral("\n") + requestNote_;
    if (!model_->unavailable().isEmpty())
        text += QStringLiteral("\n") + tr("Fields unavailable: %1").arg(model_->unavailable());
    locate_->setVisible(!model_->unavailable().isEmpty());
    status_->setText(text);
}

} // namespace aioscope::gui
