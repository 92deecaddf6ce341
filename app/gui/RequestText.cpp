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
        s += QStringLiteral("; leak: %1").arg(leaks);
    return s;
}

QString RequestText::verdictHtml(const Run& run, RequestId id) {
    if (id >= run.requests.size())
        return {};
    const bool handOff = run.requests.flags()[id] & kRequestHandOff;
    const TaskId submitter = run.requests.submitter()[id];
    QStringList lines;
    if (handOff)
        lines << QStringLiteral("<b><font color='#7b1fa2'>Hand-off: current &ne; submitter</font></b> — ran on %1, "
                                "submitted by %2. Context can leak here; the verdicts below say whether it did.")
                     .arg(executors(run, id).toHtmlEscaped(), taskName(run, submitter).toHtmlEscaped());
    else if (run.requests.flags()[id] & kRequestExecutorUnknown) {
        auto why = run.metadata.find("unknown_reason.executor");
        lines << QStringLiteral("<b><font color='#616161'>Executor unknown / not observable</font></b> — no task was "
                                "seen running it, so whether it was handed off is unknown: %1")
                     .arg(why == run.metadata.end() ? QStringLiteral("no evidence")
                                                    : QString::fromStdString(why->second).toHtmlEscaped());
    } else
        lines << QStringLiteral("No hand-off: the submitter ran it.");
    auto it = std::lower_bound(run.checks.begin(), run.checks.end(), id,
                               [](const ContextCheck& c, RequestId r) { return c.request < r; });
    std::vector<bool> decided(static_cast<std::size_t>(ContextAttribute::Count));
    for (; it != run.checks.end() && it->request == id; ++it) {
        const ContextCheck& c = *it;
        decided[static_cast<std::size_t>(c.attribute)] = true;
        const auto n = contextAttributeName(c.attribute);
        const QString name = QString::fromLatin1(n.data(), static_cast<qsizetype>(n.size()));
        const char* colour = c.verdict == CheckVerdict::Leak ? "#d50000" : c.verdict == CheckVerdict::Carried
                                                                                ? "#2e7d32"
                                                                                : "#616161";
        QString line = QStringLiteral("<b><font color='%1'>%2</font> %3</b>: executor %4 (%5 at %6)")
                           .arg(QLatin1String(colour), QLatin1String(checkVerdictName(c.verdict)), name,
                                string(run, c.executorValue).toHtmlEscaped(),
                                string(run, c.evidence).toHtmlEscaped(), formatDuration(c.timeNs - run.startNs()));
        if (c.submitterValue != kEmptyString)
            line += QStringLiteral("; submitter %1 (%2)")
                        .arg(string(run, c.submitterValue).toHtmlEscaped(),
                             string(run, c.submitterEvidence).toHtmlEscaped());
        else if (c.submitterEvidence != kEmptyString)
            line += QStringLiteral("; %1").arg(string(run, c.submitterEvidence).toHtmlEscaped());
        lines << line;
    }
    if (handOff) {
        QStringList unknown;
        for (ContextAttribute a : verdictAttributes()) {
            if (decided[static_cast<std::size_t>(a)])
                continue;
            const auto n = contextAttributeName(a);
            const std::string name(n);
            auto why = run.metadata.find("unknown_reason." + name);
            unknown << QStringLiteral("%1 (%2)").arg(QString::fromStdString(name),
                                                    why == run.metadata.end()
                                                        ? QStringLiteral("no evidence")
                                                        : QString::fromStdString(why->second).toHtmlEscaped());
        }
        if (!unknown.isEmpty())
            lines << QStringLiteral("<font color='#616161'>unknown / not observable: %1</font>")
                         .arg(unknown.join(QStringLiteral("; ")));
    }
    return lines.join(QStringLiteral("<br>"));
}

} // namespace aioscope::gui
