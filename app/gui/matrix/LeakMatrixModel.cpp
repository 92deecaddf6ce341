#include "gui/matrix/LeakMatrixModel.h"

#include <QFont>

#include "analysis/LeakMatrixGrid.h"
#include "model/Session.h"
#include "model/VerdictSummary.h"

#include <QBrush>
#include <QColor>

namespace aioscope::gui {

namespace {
struct ProbeAttribute {
    const char* probe;
    ContextAttribute attribute;
};
// Which per-thread attribute each probe makes visible (docs/probes.md).
constexpr ProbeAttribute kProbeAttributes[] = {
    {"fsuid", ContextAttribute::Fsuid},     {"cap-fsetid", ContextAttribute::Credentials},
    {"sigxfsz", ContextAttribute::Sigxfsz}, {"ioprio", ContextAttribute::Ioprio},
    {"nice", ContextAttribute::CpuPriority}, {"affinity", ContextAttribute::CpuAffinity},
    {"cwd", ContextAttribute::Cwd},          {"poll-signalfd", ContextAttribute::SignalMask},
};

QColor verdictColor(ProbeVerdict v) {
    switch (v) {
    case ProbeVerdict::Leak: return QColor(0xf4, 0xa6, 0xa6);
    case ProbeVerdict::Carried: return QColor(0xc8, 0xe8, 0xc8);
    case ProbeVerdict::NotObservable: return QColor(0xe4, 0xe4, 0xe4);
    case ProbeVerdict::Skipped: return QColor(0xf7, 0xf7, 0xf7);
    }
    return {};
}
} // namespace

LeakMatrixModel::LeakMatrixModel(QObject* parent) : QAbstractTableModel(parent) {}

QString LeakMatrixModel::probeForAttribute(ContextAttribute a) {
    for (const auto& pa : kProbeAttributes)
        if (pa.attribute == a)
            return pa.probe;
    const auto name = contextAttributeName(a);
    return QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()));
}

std::optional<ContextAttribute> LeakMatrixModel::attributeForProbe(const QString& probe) {
    for (const auto& pa : kProbeAttributes)
        if (probe == QLatin1String(pa.probe))
            return pa.attribute;
    return contextAttributeFromName(probe.toStdString());
}

void LeakMatrixModel::setSession(const Session* session, int runIndex) {
    beginResetModel();
    designs_.clear();
    probes_.clear();
    cells_.clear();
    kernel_.clear();
    if (session) {
        const LeakMatrix* matrix = session->matrices.empty() ? nullptr : &session->matrices.back();
        const analysis::LeakMatrixGrid grid(matrix);
        if (matrix)
            kernel_ = QString::fromStdString(matrix->kernel);
        for (const auto& d : grid.designs())
            designs_ << QString::fromStdString(d);
        for (const auto& p : grid.probes())
            probes_ << QString::fromStdString(p);
        VerdictSummary verdicts;
        if (runIndex >= 0 && runIndex < static_cast<int>(session->runs.size()))
            verdicts = VerdictSummary::ofRun(session->runs[static_cast<std::size_t>(runIndex)]);
        // Designs with hand-offs and attributes the run has evidence on join the grid too.
        for (const auto& d : verdicts.designs())
            if (d.handOffs && !designs_.contains(QString::fromStdString(d.design)))
                designs_ << QString::fromStdString(d.design);
        for (ContextAttribute a : verdictAttributes())
            if ((verdicts.total().of(a).leak || verdicts.total().of(a).carried) &&
                !probes_.contains(probeForAttribute(a)))
                probes_ << probeForAttribute(a);
        cells_.resize(static_cast<std::size_t>(designs_.size() * probes_.size()));
        for (int r = 0; r < designs_.size(); ++r)
            for (int c = 0; c < probes_.size(); ++c) {
                CellInfo& cell = cells_[static_cast<std::size_t>(r * probes_.size() + c)];
                const std::string design = designs_[r].toStdString();
                if (matrix)
                    cell.probe = matrix->find(design, probes_[c].toStdString());
                const auto attr = attributeForProbe(probes_[c]);
                if (const auto* d = verdicts.find(design); d && attr) {
                    cell.traceLeaks = d->of(*attr).leak;
                    cell.traceCarried = d->of(*attr).carried;
                    cell.traceUnknown = d->of(*attr).unknown;
                    cell.unknownReason = verdicts.unknownReason(*attr);
                    cell.requests = d->leakRequests[static_cast<std::size_t>(*attr)];
                }
            }
    }
    endResetModel();
}

const LeakMatrixModel::CellInfo* LeakMatrixModel::info(const QModelIndex& index) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount())
        return nullptr;
    return &cells_[static_cast<std::size_t>(index.row() * probes_.size() + index.column())];
}

std::vector<RequestId> LeakMatrixModel::requestsAt(const QModelIndex& index) const {
    const CellInfo* c = info(index);
    return c ? c->requests : std::vector<RequestId>{};
}

QString LeakMatrixModel::evidenceAt(const QModelIndex& index) const {
    const CellInfo* c = info(index);
    if (!c)
        return {};
    QStringList lines;
    lines << QString("<b>%1 × %2</b>").arg(designs_[index.row()].toHtmlEscaped(), probes_[index.column()].toHtmlEscaped());
    if (const ProbeCell* p = c->probe) {
        lines << QString("probe verdict: <b>%1</b>").arg(probeVerdictName(p->verdict));
        auto add = [&](const char* label, const std::string& v) {
            if (!v.empty())
                lines << QString("%1: %2").arg(label, QString::fromStdString(v).toHtmlEscaped());
        };
        add("submitter", p->submitterValue);
        add("executor", p->executorValue);
        add("outcome", p->outcome);
        add("reason", p->reason);
        // Evidence lines are long (trace records): wrap them instead of a <pre> wider than the screen.
        if (!p->evidence.empty())
            lines << "<p style=\"white-space:pre-wrap; font-family:monospace; font-size:small\">" +
                         QString::fromStdString(p->evidence).trimmed().toHtmlEscaped() + "</p>";
        if (!kernel_.isEmpty())
            lines << QString("kernel %1").arg(kernel_.toHtmlEscaped());
    } else {
        lines << "no probe result for this cell";
    }
    if (c->traceLeaks || c->traceCarried || c->traceUnknown)
        lines << QString("current run: %1 leak, %2 carried, %3 unknown%4")
                     .arg(c->traceLeaks)
                     .arg(c->traceCarried)
                     .arg(c->traceUnknown)
                     .arg(c->traceLeaks ? " (click to show the leaking requests)" : "");
    if (c->traceUnknown && !c->unknownReason.empty())
        lines << QString("unknown because %1").arg(QString::fromStdString(c->unknownReason).toHtmlEscaped());
    return "<div style=\"max-width:720px\">" + lines.join("<br>") + "</div>";
}

int LeakMatrixModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : designs_.size(); }

int LeakMatrixModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : probes_.size(); }

void LeakMatrixModel::setEmphasis(const QStringList& designs, const QStringList& probes) {
    if (designs == emphasisDesigns_ && probes == emphasisProbes_)
        return;
    beginResetModel();
    emphasisDesigns_ = designs;
    emphasisProbes_ = probes;
    endResetModel();
}

bool LeakMatrixModel::isEmphasized(const QModelIndex& index) const {
    if (!index.isValid() || index.row() >= designs_.size() || index.column() >= probes_.size())
        return false;
    if (emphasisDesigns_.isEmpty() && emphasisProbes_.isEmpty())
        return false;
    return (emphasisDesigns_.isEmpty() || emphasisDesigns_.contains(designs_[index.row()])) &&
           (emphasisProbes_.isEmpty() || emphasisProbes_.contains(probes_[index.column()]));
}

QVariant LeakMatrixModel::data(const QModelIndex& index, int role) const {
    const CellInfo* c = info(index);
    if (!c)
        return {};
    const bool emphasis = !emphasisDesigns_.isEmpty() || !emphasisProbes_.isEmpty();
    if (emphasis && !isEmphasized(index)) {
        // Not what the step is about: readable, but faded.
        if (role == Qt::ForegroundRole)
            return QBrush(QColor(0x9e, 0x9e, 0x9e));
        if (role == Qt::BackgroundRole) {
            QVariant v = data(index, Qt::DisplayRole).isValid() && c->probe
                             ? QVariant(QBrush(verdictColor(c->probe->verdict)))
                             : QVariant();
            if (v.isValid()) {
                QColor faded = v.value<QBrush>().color();
                faded.setAlpha(70);
                return QBrush(faded);
            }
            return {};
        }
    }
    if (role == Qt::FontRole && emphasis && isEmphasized(index)) {
        QFont f;
        f.setBold(true);
        return f;
    }
    switch (role) {
    case Qt::DisplayRole: {
        QString run;
        if (c->traceLeaks)
            run = QString("%1 leak").arg(c->traceLeaks);
        else if (c->traceCarried)
            run = QString("%1 carried").arg(c->traceCarried);
        if (!c->probe)
            return run.isEmpty() ? QString("–") : run;
        QString text = probeVerdictName(c->probe->verdict);
        if (!run.isEmpty())
            text += " · run: " + run;
        return text;
    }
    case Qt::ToolTipRole: return evidenceAt(index);
    case Qt::BackgroundRole:
        if (c->probe)
            return QBrush(verdictColor(c->probe->verdict));
        if (c->traceLeaks)
            return QBrush(verdictColor(ProbeVerdict::Leak));
        return c->traceCarried ? QBrush(verdictColor(ProbeVerdict::Carried)) : QVariant();
    case Qt::ForegroundRole:
        return (c->probe && c->probe->verdict == ProbeVerdict::Leak) || c->traceLeaks ? QBrush(QColor(0x8b, 0, 0))
                                                                                       : QVariant();
    case Qt::TextAlignmentRole: return int(Qt::AlignCenter);
    case RequestsRole: return static_cast<qulonglong>(c->requests.size());
    case VerdictRole: return c->probe ? QString(probeVerdictName(c->probe->verdict)) : QString();
    default: return {};
    }
}

QVariant LeakMatrixModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole)
        return {};
    const QStringList& names = orientation == Qt::Horizontal ? probes_ : designs_;
    return section >= 0 && section < names.size() ? QVariant(names[section]) : QVariant();
}

} // namespace aioscope::gui
