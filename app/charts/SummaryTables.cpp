#include "charts/SummaryTables.h"

#include "analysis/Comparison.h"
#include "analysis/DurationFormat.h"
#include "analysis/PercentileTable.h"
#include "charts/DesignPalette.h"

namespace aioscope::charts {

namespace {
TextTableModel::Cell designCell(const analysis::DesignAnalysis& d) {
    TextTableModel::Cell c;
    c.text = QString::fromStdString(d.label());
    c.foreground = DesignPalette::color(d.key.design);
    c.toolTip = QString("run %1, design %2").arg(d.key.run).arg(QString::fromStdString(d.key.design));
    return c;
}
} // namespace

void SummaryTables::fillPercentiles(TextTableModel& model, const analysis::Comparison& comparison) {
    const auto table = analysis::PercentileTable::fromAnalyses(comparison.analyses());
    QStringList headers;
    for (const auto& n : analysis::PercentileTable::columnNames())
        headers << QString::fromStdString(n);
    std::vector<TextTableModel::Row> rows;
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        TextTableModel::Row row;
        row.push_back(designCell(comparison.analyses()[r]));
        const auto& t = table.rows[r];
        const TimeNs values[] = {static_cast<TimeNs>(t.count), t.p50, t.p90, t.p99, t.p999, t.max,
                                 static_cast<TimeNs>(t.mean)};
        for (std::size_t col = 1; col < headers.size(); ++col)
            row.push_back({QString::fromStdString(table.cellText(r, col)), QVariant::fromValue<qint64>(values[col - 1]),
                           {}, {}, {}});
        rows.push_back(std::move(row));
    }
    model.setTable(headers, std::move(rows));
}

void SummaryTables::fillSummary(TextTableModel& model, const analysis::Comparison& comparison) {
    QStringList headers{"design"};
    for (const auto& m : comparison.metrics())
        headers << QString::fromStdString(m.name);
    std::vector<TextTableModel::Row> rows;
    for (std::size_t r = 0; r < comparison.analyses().size(); ++r) {
        TextTableModel::Row row;
        row.push_back(designCell(comparison.analyses()[r]));
        for (std::size_t m = 0; m < comparison.metrics().size(); ++m) {
            TextTableModel::Cell c{QString::fromStdString(comparison.cellText(r, m)), comparison.value(r, m), {}, {}, {}};
            if (comparison.metrics()[m].name.rfind("leak", 0) == 0 && comparison.value(r, m) > 0) {
                c.background = QColor(0xfb, 0xd5, 0xd5);
                c.foreground = QColor(0x8b, 0, 0);
            }
            row.push_back(c);
        }
        rows.push_back(std::move(row));
    }
    model.setTable(headers, std::move(rows));
}

void SummaryTables::fillDifference(TextTableModel& model, const analysis::Comparison& comparison, std::size_t a,
                                   std::size_t b) {
    if (a >= comparison.analyses().size() || b >= comparison.analyses().size()) {
        model.clear();
        return;
    }
    const QString la = QString::fromStdString(comparison.analyses()[a].label());
    const QString lb = QString::fromStdString(comparison.analyses()[b].label());
    QStringList headers{"metric", "A: " + la, "B: " + lb, "B - A", "B / A"};
    std::vector<TextTableModel::Row> rows;
    for (const auto& d : comparison.difference(a, b)) {
        auto text = [&](double v) {
            return d.isDuration ? QString::fromStdString(analysis::formatDuration(static_cast<TimeNs>(v)))
                                : QString::number(v, 'f', v == static_cast<qint64>(v) ? 0 : 1);
        };
        TextTableModel::Row row;
        row.push_back({QString::fromStdString(d.metric), {}, {}, {}, {}});
        row.push_back({text(d.a), d.a, {}, {}, {}});
        row.push_back({text(d.b), d.b, {}, {}, {}});
        TextTableModel::Cell delta{(d.delta > 0 ? "+" : "") + text(d.delta), d.delta, {}, {}, {}};
        if (d.delta != 0)
            delta.foreground = d.bBetter() ? QColor(0x14, 0x52, 0x14) : QColor(0x8b, 0, 0);
        row.push_back(delta);
        row.push_back({d.a != 0 ? QString::number(d.ratio, 'f', 2) + "x" : QString("-"), d.ratio, {}, {}, {}});
        rows.push_back(std::move(row));
    }
    model.setTable(headers, std::move(rows));
}

} // namespace aioscope::charts
