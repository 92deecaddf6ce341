#include "gui/models/RequestEventsModel.h"

#include "gui/RequestText.h"
#include "gui/timeline/TimeFormat.h"
#include "gui/timeline/TimelineColors.h"
#include "model/Run.h"
#include "trace/EventIndex.h"

#include <algorithm>

namespace aioscope::gui {

namespace {
// What a linked trace event was to the request it built.
QString roleOf(std::string_view name) {
    if (name == "io_uring_submit_req" || name == "io_uring_submit_sqe")
        return QObject::tr("submitted to the ring");
    if (name == "io_uring_queue_async_work")
        return QObject::tr("punted to an io-wq worker");
    if (name == "io_uring_complete")
        return QObject::tr("completion posted");
    if (name == "sched_switch")
        return QObject::tr("execution starts: the executor is switched in");
    if (name == "block_rq_insert")
        return QObject::tr("block request inserted");
    if (name == "block_rq_issue")
        return QObject::tr("block request issued to the device");
    if (name == "block_rq_complete")
        return QObject::tr("block request completed by the device");
    if (name == "workqueue_queue_work")
        return QObject::tr("queued to a kworker");
    if (name == "workqueue_execute_start")
        return QObject::tr("execution starts on the kworker");
    if (name == "workqueue_execute_end")
        return QObject::tr("execution ends (completion)");
    if (name.starts_with("sys_enter_") || name.starts_with("syscall_entry_"))
        return QObject::tr("system call entered: submit");
    if (name.starts_with("sys_exit_") || name.starts_with("syscall_exit_"))
        return QObject::tr("system call returned");
    if (name == "submit" || name == "context" || name == "exec_start" || name == "exec_end" || name == "complete")
        return QObject::tr("engine record: %1").arg(QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size())));
    return {};
}
} // namespace

RequestEventsModel::RequestEventsModel(QObject* parent) : QAbstractTableModel(parent) {}

void RequestEventsModel::setRequest(const Run* run, RequestId id) {
    beginResetModel();
    rows_.clear();
    linked_ = false;
    if (run && id < run->requests.size() && run->eventIndex && !run->requestEvents.empty()) {
        // The trace's own events that built the request (as the importer linked them), then the verdicts.
        linked_ = true;
        const Request r = run->requests.get(id);
        origin_ = r.submitNs;
        const trace::EventIndex& index = *run->eventIndex;
        for (std::uint32_t e : run->requestEvents.of(id)) {
            if (e >= index.size())
                continue;
            const auto ev = index.at(e);
            const auto& type = index.type(ev.type);
            rows_.push_back({ev.ts,
                             QStringLiteral("%1 %2")
                                 .arg(QString::fromUtf8(ev.comm.data(), static_cast<qsizetype>(ev.comm.size())))
                                 .arg(ev.tid),
                             QString::fromStdString(type.label()), roleOf(type.name), false, e});
        }
        appendChecks(*run, id);
        sortRows();
    } else if (run && id < run->requests.size()) {
        const Request r = run->requests.get(id);
        origin_ = r.submitNs;
        const QString sub = RequestText::taskName(*run, r.submitter);
        const QString op = QString::fromLatin1(ioOpName(r.op));
        rows_.push_back({r.submitNs, sub, tr("submit"),
                         tr("%1 %2 fd=%3 offset=%4 length=%5 user_data=%6 (%7)")
                             .arg(RequestText::string(*run, r.design), op)
                             .arg(r.fd).arg(r.offset).arg(r.length).arg(r.userData)
                             .arg(QString::fromLatin1(requestSourceName(r.source))),
                         false});
        if (r.submitEndNs != kNoTime)
            rows_.push_back({r.submitEndNs, sub, tr("submit returned"),
                             tr("submit call took %1").arg(formatDuration(r.submitLatencyNs())), false});
        if (r.queuedNs != kNoTime)
            rows_.push_back({r.queuedNs, sub, tr("queued"), tr("handed to a worker queue (punt)"), false});
        for (const auto& s : run->segmentsOf(id)) {
            const bool other = s.task != r.submitter;
            rows_.push_back({s.startNs, RequestText::taskName(*run, s.task), tr("execute start"),
                             other ? tr("runs on a thread that is not the submitter") : tr("runs inline in the submitter"), false});
            rows_.push_back({s.endNs, RequestText::taskName(*run, s.task), tr("execute end"),
                             tr("segment of %1").arg(formatDuration(s.endNs - s.startNs)), false});
        }
        appendChecks(*run, id);
        if (r.completeNs != kNoTime)
            rows_.push_back({r.completeNs, RequestText::taskName(*run, r.completionObserver), tr("complete"),
                             tr("result %1, latency %2").arg(r.result).arg(formatDuration(r.latencyNs())), false});
        else
            rows_.push_back({kNoTime, QString(), tr("no completion"), tr("the trace or run ended first"), false});
        sortRows();
    }
    endResetModel();
}

void RequestEventsModel::appendChecks(const Run& runRef, RequestId id) {
    const Run* run = &runRef;
    {
        auto it = std::lower_bound(run->checks.begin(), run->checks.end(), id,
                                   [](const ContextCheck& c, RequestId q) { return c.request < q; });
        for (; it != run->checks.end() && it->request == id; ++it) {
            const auto name = contextAttributeName(it->attribute);
            const bool leak = it->verdict == CheckVerdict::Leak;
            QString detail = tr("%1: executor %2, submitter %3 → %4")
                                 .arg(QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size())),
                                      RequestText::string(*run, it->executorValue),
                                      RequestText::string(*run, it->submitterValue),
                                      QString::fromLatin1(checkVerdictName(it->verdict)));
            const QString ev = RequestText::string(*run, it->evidence);
            if (!ev.isEmpty())
                detail += QStringLiteral(" [%1]").arg(ev);
            rows_.push_back({it->timeNs, RequestText::taskName(*run, it->executor),
                             leak ? tr("context LEAK") : tr("context check"), detail, leak});
        }
    }
}

void RequestEventsModel::sortRows() {
    std::stable_sort(rows_.begin(), rows_.end(), [](const Row& a, const Row& b) {
        if (a.time == kNoTime || b.time == kNoTime)
            return b.time == kNoTime && a.time != kNoTime;
        return a.time < b.time;
    });
}

std::vector<std::uint32_t> RequestEventsModel::eventIds() const {
    std::vector<std::uint32_t> out;
    for (const Row& r : rows_)
        if (r.eventId != kNoEvent)
            out.push_back(r.eventId);
    return out;
}

int RequestEventsModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : static_cast<int>(rows_.size()); }
int RequestEventsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant RequestEventsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= static_cast<int>(rows_.size()) || index.column() >= ColumnCount)
        return {};
    const Row& r = rows_[static_cast<std::size_t>(index.row())];
    if (role == Qt::ForegroundRole && r.leak)
        return TimelineColors::leakColor();
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case Time:
        // Evidence can predate the submit (a priority seen at an earlier switch).
        if (r.time == kNoTime)
            return QStringLiteral("—");
        return r.time < origin_ ? QStringLiteral("-%1").arg(formatDuration(origin_ - r.time))
                                : QStringLiteral("+%1").arg(formatDuration(r.time - origin_));
    case Task: return r.task;
    case Event: return r.event;
    case Detail: return r.detail;
    default: return {};
    }
}

QVariant RequestEventsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char* names[] = {"since submit", "task", "event", "detail"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace aioscope::gui
