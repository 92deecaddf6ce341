#pragma once
#include "model/Annotation.h"

#include <QAbstractTableModel>

#include <vector>

namespace aioscope::gui {

// Annotations and bookmarks of the session, sorted by run then start time.
// Columns: kind, start, end, text, author. Times show relative to the run's
// start (set with setRunOrigins).
class AnnotationsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { KindColumn, StartColumn, EndColumn, TextColumn, AuthorColumn, ColumnCount };

    explicit AnnotationsModel(QObject* parent = nullptr);

    void setAnnotations(std::vector<Annotation> annotations, std::vector<TimeNs> runOrigins = {});
    const std::vector<Annotation>& annotations() const { return items_; }
    const Annotation* at(int row) const;
    // Inserts in time order; returns the row.
    int add(const Annotation& a);
    void replace(int row, const Annotation& a);
    void remove(int row);
    int rowOfId(std::int64_t id) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString timeText(const Annotation& a, TimeNs t) const;
    std::vector<Annotation> items_;
    std::vector<TimeNs> origins_;
};

} // namespace aioscope::gui
