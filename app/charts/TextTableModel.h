#pragma once
#include <QAbstractTableModel>
#include <QColor>
#include <QStringList>
#include <QVariant>

#include <vector>

namespace aioscope::charts {

// A read-only table of text cells with optional tooltips, colours and one
// user value per cell: the percentile, comparison, difference and SQL result
// tables. Numbers sort as numbers through Qt::UserRole.
class TextTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    struct Cell {
        QString text;
        QVariant sortValue; // Qt::UserRole; defaults to text
        QString toolTip;
        QColor background;  // invalid = default
        QColor foreground;
    };
    using Row = std::vector<Cell>;

    explicit TextTableModel(QObject* parent = nullptr);

    void setTable(QStringList headers, std::vector<Row> rows);
    void clear();
    const Cell* cell(int row, int column) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The whole table as CSV (header line first).
    QString toCsv() const;

private:
    QStringList headers_;
    std::vector<Row> rows_;
};

} // namespace aioscope::charts
