#include "gui/RequestText.h"

#include "gui/timeline/TimeFormat.h"
#include "model/Run.h"

#include <algorithm>

namespace aioscope::gui {

QString RequestText::string(const Run& run, StringId id) {
    const auto v = run.strings.view(id);
    return QString::fromUtf8(v.data(), static_cast<qsizetype>(v.size()));
}

QString RequestText::taskName(const Run& run, TaskId task) {
    if (task >= run.tasks.size())
        return QStringLiteral("—");
    const auto& t = run.tasks[task];
    return QStringLiteral("%1 (%2)").arg(string(run, t.comm)).arg(t.tid);
}

QString RequestText::leakAttributes(const Run& run, RequestId id) {
    auto it = std::lower_bound(run.checks.begin(), run.checks.end(), id,
                               [](const ContextCheck& c, RequestId r) { return c.request < r; });
    QStringList names;
    for (; it != run.checks.end() && it->request == id; ++it) {
        if (it->verdict != CheckVerdict::Leak)
            continue;
        const auto n = contextAttributeName(it->attribute);
        const QString name = QString::fromLatin1(n.data(), static_cast<qsizetype>(n.size()));
        if (!names.contains(name))
            names << name;
    }
    return names.join(QStringLiteral(", "));
}

QString RequestText::executors(const Run& run, RequestId id) {
    const TaskId submitter = run.requests.submitter()[id];
    QStringList names;
    for (const auto& s : run.segmentsOf(id)) {
        if (s.task == submitter)
            continue;
        const QString n = taskName(run, s.task);
        if (!names.contains(n))
            names << n;
    }
    return names.join(QStringLiteral(", "));
}

QString RequestText::summary(const Run& run, RequestId id) {
    if (id >= run.requests.size())
        return QString();
    const Request r = run.requests.get(id);
    QString s = QStringLiteral("#%1 %2 %3 user_data=%4 by %5, latency %6")
                    .arg(id)
                    .arg(string(run, r.design), QString::fromLatin1(ioOpName(r.op)))
                    .arg(r.userData)
                    .arg(taskName(run, r.submitter), formatDuration(r.latencyNs()));
    const QString ex = executors(run, id);
    if (!ex.isEmpty())
        s += QStringLiteral("; ran on %1").arg(ex);
    const QString leaks = leakAttributes(run, id);
    if (!leaks.isEmpty())
        s += QStringLiteral("; LEAK: %1").arg(leaks);
    return s;
}

} // namespace aioscope::gui
