#include "gui/events/EventTableModel.h"

#include <QMetaObject>

#include <climits>

namespace aioscope::gui {

EventTableModel::EventTableModel(QObject* parent) : QAbstractTableModel(parent) {
    fetcher_ = new EventFieldFetcher;
    fetcher_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, fetcher_, &QObject::deleteLater);
    thread_.setObjectName(QStringLiteral("event-fields"));
    thread_.start();
}

EventTableModel::~EventTableModel() {
    thread_.quit();
    thread_.wait();
}

QString EventTableModel::timeText(TimeNs ts) {
    const bool negative = ts < 0;
    const unsigned long long abs =
        negative ? 0ull - static_cast<unsigned long long>(ts) : static_cast<unsigned long long>(ts);
    return QStringLiteral("%1%2.%3")
        .arg(negative ? QStringLiteral("-") : QString())
        .arg(abs / 1000000000ull)
        .arg(abs % 1000000000ull, 9, 10, QLatin1Char('0'));
}

void EventTableModel::setRows(std::shared_ptr<const EventRows> rows) {
    beginResetModel();
    rows_ = std::move(rows);
    ++generation_;
    pending_.clear();
    fields_.clear();
    kept_.clear();
    unavailable_.clear();
    pagesFetched_ = 0;
    endResetModel();
}

void EventTableModel::prepare(std::shared_ptr<const trace::EventIndex> index) {
    EventFieldFetcher* fetcher = fetcher_;
    QMetaObject::invokeMethod(
        fetcher, [fetcher, index = std::move(index)] { fetcher->fetch(index, {}, [](EventFieldFetcher::Page) {}); },
        Qt::QueuedConnection);
}

int EventTableModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid() || !rows_)
        return 0;
    return static_cast<int>(std::min<std::size_t>(rows_->size(), INT_MAX));
}

int EventTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time: return tr("Time (s)");
    case Cpu: return tr("CPU");
    case Task: return tr("Task");
    case Event: return tr("Event");
    case Fields: return tr("Fields");
    }
    return {};
}

QString EventTableModel::fieldsOf(int row) const {
    if (!rows_ || row < 0 || static_cast<std::size_t>(row) >= rows_->size())
        return {};
    auto it = fields_.find(static_cast<std::uint32_t>(rows_->id(static_cast<std::size_t>(row))));
    return it == fields_.end() ? QString() : it->second;
}

QVariant EventTableModel::data(const QModelIndex& index, int role) const {
    if (!rows_ || !index.isValid() || static_cast<std::size_t>(index.row()) >= rows_->size())
        return {};
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != Qt::TextAlignmentRole)
        return {};
    if (role == Qt::TextAlignmentRole)
        return index.column() <= Cpu ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    const std::size_t id = rows_->id(static_cast<std::size_t>(index.row()));
    const trace::EventIndex& events = rows_->index();
    switch (index.column()) {
    case Time: return timeText(events.ts(id));
    case Cpu: return events.keyOf(id).cpu;
    case Task: {
        const auto& k = events.keyOf(id);
        // A CTF kernel event before the trace showed who runs on its CPU.
        if (k.tid < 0)
            return QStringLiteral("—");
        return QStringLiteral("%1-%2")
            .arg(QString::fromUtf8(events.comm(k.comm).data(), static_cast<qsizetype>(events.comm(k.comm).size())))
            .arg(k.tid);
    }
    case Event: return QString::fromStdString(events.type(events.keyOf(id).type).label());
    case Fields: {
        if (!unavailable_.isEmpty())
            return unavailable_;
        auto it = fields_.find(static_cast<std::uint32_t>(id));
        if (it != fields_.end())
            return it->second;
        request(index.row() / kPageRows);
        return QStringLiteral("…");
    }
    }
    return {};
}

void EventTableModel::prefetch(int first, int last) {
    if (!rows_ || rows_->size() == 0)
        return;
    const int pages = static_cast<int>((rows_->size() + kPageRows - 1) / kPageRows);
    for (int page = std::max(0, first / kPageRows); page <= std::min(pages - 1, last / kPageRows + 1); ++page)
        request(page);
}

void EventTableModel::request(int page) const {
    if (!rows_ || !unavailable_.isEmpty() || pending_.count(page))
        return;
    const std::size_t begin = static_cast<std::size_t>(page) * kPageRows;
    if (begin >= rows_->size())
        return;
    for (const auto& kept : kept_)
        if (kept.first == page)
            return;
    pending_.insert(page);
    EventFieldFetcher::Page p;
    p.generation = generation_;
    p.page = page;
    const std::size_t end = std::min(rows_->size(), begin + kPageRows);
    for (std::size_t r = begin; r < end; ++r)
        p.ids.push_back(static_cast<std::uint32_t>(rows_->id(r)));
    auto* self = const_cast<EventTableModel*>(this);
    EventFieldFetcher* fetcher = fetcher_;
    QMetaObject::invokeMethod(
        fetcher,
        [fetcher, self, index = rows_->indexPtr(), p = std::move(p)]() mutable {
            fetcher->fetch(index, std::move(p), [self](EventFieldFetcher::Page done) {
                QMetaObject::invokeMethod(
                    self, [self, done = std::move(done)]() mutable { self->received(std::move(done)); },
                    Qt::QueuedConnection);
            });
        },
        Qt::QueuedConnection);
}

void EventTableModel::received(EventFieldFetcher::Page page) {
    if (page.generation != generation_ || !rows_)
        return;
    if (!page.error.isEmpty()) {
        if (unavailable_.isEmpty()) {
            unavailable_ = page.error;
            emit fieldsUnavailable(unavailable_);
            if (rowCount() > 0)
                emit dataChanged(this->index(0, Fields), this->index(rowCount() - 1, Fields));
        }
        return;
    }
    const int pageNo = page.page;
    if (!pending_.count(pageNo))
        return;
    pending_.erase(pageNo);
    for (std::size_t i = 0; i < page.ids.size(); ++i)
        fields_[page.ids[i]] = page.texts[i];
    kept_.emplace_back(pageNo, page.ids);
    ++pagesFetched_;
    while (kept_.size() > kKeptPages) {
        for (std::uint32_t id : kept_.front().second)
            fields_.erase(id);
        kept_.pop_front();
    }
    const int first = pageNo * kPageRows;
    const int last = std::min(rowCount() - 1, first + kPageRows - 1);
    emit dataChanged(index(first, Fields), index(last, Fields));
    emit pageFetched(first, last);
}

} // namespace aioscope::gui
