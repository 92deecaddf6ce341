#pragma once
#include "gui/events/EventFieldFetcher.h"
#include "gui/events/EventRows.h"

#include <QAbstractTableModel>
#include <QThread>

#include <deque>
#include <memory>
#include <unordered_map>
#include <unordered_set>

namespace aioscope::gui {

// The event list as a virtual table: time, CPU, task and event come from the
// in-memory index; the fields column is filled page by page by an
// EventFieldFetcher on its own thread (a row not fetched yet shows "…"), and
// only pages that were asked for (visible rows, and the next page) are kept.
class EventTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Time, Cpu, Task, Event, Fields, ColumnCount };
    static constexpr int kPageRows = 256;
    static constexpr std::size_t kKeptPages = 64;

    explicit EventTableModel(QObject* parent = nullptr);
    ~EventTableModel() override;

    void setRows(std::shared_ptr<const EventRows> rows);
    // Opens the index's source on the fetcher's thread now (libtracecmd's
    // open takes a second or more), so the first page does not wait for it.
    void prepare(std::shared_ptr<const trace::EventIndex> index);
    const EventRows* rows() const { return rows_.get(); }
    // Asks the fetcher for the pages of rows [first, last] and the page after.
    void prefetch(int first, int last);
    // The fields of a row when fetched, else empty.
    QString fieldsOf(int row) const;
    // Why fields cannot be shown (source moved or changed), else empty.
    QString unavailable() const { return unavailable_; }
    // Pages fetched so far for the current rows (tests, benchmark).
    std::size_t pagesFetched() const { return pagesFetched_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    static QString timeText(TimeNs ts);

signals:
    void pageFetched(int firstRow, int lastRow);
    void fieldsUnavailable(const QString& why);

private:
    void request(int page) const;
    void received(EventFieldFetcher::Page page);

    std::shared_ptr<const EventRows> rows_;
    quint64 generation_ = 0;
    QThread thread_;
    EventFieldFetcher* fetcher_ = nullptr;
    mutable std::unordered_set<int> pending_;
    std::unordered_map<std::uint32_t, QString> fields_;           // by event id
    std::deque<std::pair<int, std::vector<std::uint32_t>>> kept_; // pages in fetch order, to forget the oldest
    QString unavailable_;
    std::size_t pagesFetched_ = 0;
};

} // namespace aioscope::gui
