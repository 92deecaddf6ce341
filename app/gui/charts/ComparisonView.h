#pragma once
#include "analysis/Comparison.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QTableView;

namespace aioscope::charts {
class TextTableModel;
}

namespace aioscope::gui {

// Side by side: the summary table of every selected design (IOPS, MB/s,
// percentiles, leaks per attribute) and the difference between two of them.
class ComparisonView : public QWidget {
    Q_OBJECT
public:
    explicit ComparisonView(QWidget* parent = nullptr);
    void setComparison(std::shared_ptr<const analysis::Comparison> comparison);
    void setPair(int a, int b);

    charts::TextTableModel* summaryModel() const { return summary_; }
    charts::TextTableModel* differenceModel() const { return difference_; }
    QTableView* summaryView() const { return summaryView_; }

private:
    void updateDifference();

    std::shared_ptr<const analysis::Comparison> comparison_;
    charts::TextTableModel* summary_;
    charts::TextTableModel* difference_;
    QTableView* summaryView_;
    QTableView* differenceView_;
    QComboBox* a_;
    QComboBox* b_;
};

} // namespace aioscope::gui
