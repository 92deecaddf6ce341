#include "gui/charts/ComparisonView.h"

#include "charts/SummaryTables.h"
#include "charts/TextTableModel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace aioscope::gui {

namespace {
QTableView* makeTable(QAbstractItemModel* model, QWidget* parent, bool sortable) {
    auto* view = new QTableView(parent);
    if (sortable) {
        auto* proxy = new QSortFilterProxyModel(view);
        proxy->setSourceModel(model);
        proxy->setSortRole(Qt::UserRole);
        view->setModel(proxy);
        view->setSortingEnabled(true);
        // Keep the picker's order until the user clicks a header.
        view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
        proxy->sort(-1);
    } else {
        view->setModel(model);
    }
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view->verticalHeader()->setVisible(false);
    view->setAlternatingRowColors(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    return view;
}
} // namespace

ComparisonView::ComparisonView(QWidget* parent)
    : QWidget(parent), summary_(new charts::TextTableModel(this)), difference_(new charts::TextTableModel(this)) {
    summaryView_ = makeTable(summary_, this, true);
    differenceView_ = makeTable(difference_, this, false);
    a_ = new QComboBox(this);
    b_ = new QComboBox(this);
    a_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    b_->setSizeAdjustPolicy(QComboBox::AdjustToContents);

    auto* pairRow = new QHBoxLayout;
    pairRow->addWidget(new QLabel("Difference between A", this));
    pairRow->addWidget(a_);
    pairRow->addWidget(new QLabel("and B", this));
    pairRow->addWidget(b_);
    pairRow->addStretch();
    auto* lower = new QWidget(this);
    auto* lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    lowerLayout->addLayout(pairRow);
    lowerLayout->addWidget(differenceView_);

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(summaryView_);
    split->addWidget(lower);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(split);

    connect(a_, &QComboBox::currentIndexChanged, this, &ComparisonView::updateDifference);
    connect(b_, &QComboBox::currentIndexChanged, this, &ComparisonView::updateDifference);
}

void ComparisonView::setComparison(std::shared_ptr<const analysis::Comparison> comparison) {
    comparison_ = std::move(comparison);
    const int oldA = a_->currentIndex(), oldB = b_->currentIndex();
    QSignalBlocker blockA(a_), blockB(b_);
    a_->clear();
    b_->clear();
    if (!comparison_) {
        summary_->clear();
        difference_->clear();
        return;
    }
    charts::SummaryTables::fillSummary(*summary_, *comparison_);
    for (const auto& d : comparison_->analyses()) {
        a_->addItem(QString::fromStdString(d.label()));
        b_->addItem(QString::fromStdString(d.label()));
    }
    const int n = a_->count();
    const int a = oldA >= 0 && oldA < n ? oldA : 0;
    int b = oldB >= 0 && oldB < n ? oldB : std::min(1, n - 1);
    // A pair kept from a session with one design (a streaming run) would compare A with A.
    if (b == a && n > 1)
        b = a == 0 ? 1 : 0;
    a_->setCurrentIndex(a);
    b_->setCurrentIndex(b);
    updateDifference();
}

void ComparisonView::setPair(int a, int b) {
    a_->setCurrentIndex(a);
    b_->setCurrentIndex(b);
    updateDifference();
}

void ComparisonView::updateDifference() {
    if (!comparison_ || a_->currentIndex() < 0 || b_->currentIndex() < 0) {
        difference_->clear();
        return;
    }
    charts::SummaryTables::fillDifference(*difference_, *comparison_, static_cast<std::size_t>(a_->currentIndex()),
                                          static_cast<std::size_t>(b_->currentIndex()));
}

} // namespace aioscope::gui
