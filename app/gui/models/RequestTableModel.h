#pragma once
#include "model/Ids.h"

#include <QAbstractTableModel>

#include <vector>

namespace aioscope::gui {

class DocumentContext;

// The requests of the current run that pass the filter and playback time, in
// submit order. Without a filter the rows are a prefix of the run (no copy);
// with one, the filtered ids are computed once per filter change and playback
// only moves the cut (binary search), so a 60 Hz playback stays cheap.
class RequestTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Id, UserData, Design, Op, Submitter, Executor, Submit, Latency, Result, Leak, ColumnCount };
    static constexpr int RequestIdRole = Qt::UserRole + 1;

    explicit RequestTableModel(DocumentContext* context, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    RequestId requestAt(int row) const;
    int rowOf(RequestId id) const; // -1 when not shown

private:
    void rebuild();
    void updateCut();

    DocumentContext* context_;
    bool filtered_ = false;
    std::vector<RequestId> ids_; // when filtered_
    int rows_ = 0;
};

} // namespace aioscope::gui
