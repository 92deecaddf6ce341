#include "charts/TextTableModel.h"

#include "analysis/CsvField.h"

#include <QBrush>

namespace aioscope::charts {

TextTableModel::TextTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void TextTableModel::setTable(QStringList headers, std::vector<Row> rows) {
    beginResetModel();
    headers_ = std::move(headers);
    rows_ = std::move(rows);
    for (auto& r : rows_)
        r.resize(static_cast<std::size_t>(headers_.size()));
    endResetModel();
}

void TextTableModel::clear() { setTable({}, {}); }

const TextTableModel::Cell* TextTableModel::cell(int row, int column) const {
    if (row < 0 || column < 0 || row >= rowCount() || column >= columnCount())
        return nullptr;
    return &rows_[static_cast<std::size_t>(row)][static_cast<std::size_t>(column)];
}

int TextTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int TextTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(headers_.size());
}

QVariant TextTableModel::data(const QModelIndex& index, int role) const {
    const Cell* c = index.isValid() ? cell(index.row(), index.column()) : nullptr;
    if (!c)
        return {};
    switch (role) {
    case Qt::DisplayRole: return c->text;
    case Qt::UserRole: return c->sortValue.isValid() ? c->sortValue : QVariant(c->text);
    case Qt::ToolTipRole: return c->toolTip.isEmpty() ? QVariant() : QVariant(c->toolTip);
    case Qt::BackgroundRole: return c->background.isValid() ? QVariant(QBrush(c->background)) : QVariant();
    case Qt::ForegroundRole: return c->foreground.isValid() ? QVariant(QBrush(c->foreground)) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == 0 ? QVariant(int(Qt::AlignLeft | Qt::AlignVCenter))
                                   : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    default: return {};
    }
}

QVariant TextTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Horizontal)
        return section >= 0 && section < headers_.size() ? QVariant(headers_[section]) : QVariant();
    return section + 1;
}

QString TextTableModel::toCsv() const {
    auto field = [](const QString& s) { return QString::fromStdString(analysis::csvField(s.toStdString())); };
    QStringList lines;
    QStringList h;
    for (const auto& s : headers_)
        h << field(s);
    lines << h.join(',');
    for (const auto& r : rows_) {
        QStringList l;
        for (const auto& c : r)
            l << field(c.text);
        lines << l.join(',');
    }
    return lines.join('\n') + '\n';
}

} // namespace aioscope::charts
