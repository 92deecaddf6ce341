#include "gui/charts/ChartsDock.h"

#include "charts/ChartAnnotations.h"
#include "charts/ChartCatalog.h"
#include "charts/ChartExporter.h"
#include "charts/ReportWriter.h"
#include "charts/SummaryTables.h"
#include "charts/TextTableModel.h"
#include "gui/DocumentContext.h"
#include "gui/charts/ComparisonView.h"
#include "gui/charts/DesignPicker.h"
#include "model/Session.h"

#include <QDesktopServices>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QMessageBox>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>
#include <qcustomplot.h>

namespace aioscope::gui {

ChartsDock::ChartsDock(DocumentContext* ctx, QWidget* parent)
    : QDockWidget("Latency charts", parent), ctx_(ctx), picker_(new DesignPicker), tabs_(new QTabWidget),
      percentiles_(new charts::TextTableModel(this)), comparison_(new ComparisonView) {
    setObjectName("ChartsDock");
    for (const auto& chart : charts::ChartCatalog::all()) {
        auto* plot = new QCustomPlot;
        plot->setObjectName(chart->id());
        plot->setToolTip(chart->caption());
        plots_.push_back(plot);
        tabs_->addTab(plot, chart->title());
    }
    percentileView_ = new QTableView;
    percentileView_->setModel(percentiles_);
    percentileView_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    percentileView_->verticalHeader()->setVisible(false);
    tabs_->addTab(percentileView_, "Percentiles");
    tabs_->addTab(comparison_, "Comparison");
    // Eight tab titles side by side would make the dock (and the right-hand
    // dock area with it) ~800 px wide at minimum and squeeze the timeline.
    tabs_->setUsesScrollButtons(true);
    tabs_->setElideMode(Qt::ElideRight);

    auto makeButton = [this](const QString& text, const QString& tip, void (ChartsDock::*slot)()) {
        auto* b = new QToolButton;
        b->setText(text);
        b->setToolTip(tip);
        connect(b, &QToolButton::clicked, this, slot);
        return b;
    };
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(makeButton("Export chart…", "Save the chart shown as PNG, SVG or PDF",
                                  &ChartsDock::exportCurrentChart));
    buttons->addWidget(makeButton("Export data…", "Save the data of the tab shown as CSV", &ChartsDock::exportCurrentData));
    buttons->addWidget(makeButton("HTML report…", "Write a self-contained HTML report of the session",
                                  &ChartsDock::exportReport));
    buttons->addStretch();

    picker_->setMinimumWidth(150);
    picker_->setMaximumWidth(280);
    picker_->setToolTip("Designs to overlay and compare");
    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(picker_);
    split->addWidget(tabs_);
    split->setStretchFactor(1, 1);
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(buttons);
    layout->addWidget(split);
    // The comparison tables and button row want ~800 px; scrolling them is
    // better than letting their minimum width squeeze the timeline.
    auto* scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(body);
    body->setMinimumWidth(0);
    setWidget(scroll);

    connect(picker_, &DesignPicker::selectionChanged, this, &ChartsDock::rebuild);
    if (ctx_) {
        connect(ctx_, &DocumentContext::documentChanged, this, [this] { setSession(ctx_->session()); });
        connect(ctx_, &DocumentContext::annotationsChanged, this, &ChartsDock::redrawAnnotations);
        setSession(ctx_->session());
    }
}

ChartsDock::~ChartsDock() = default;

void ChartsDock::setSession(std::shared_ptr<const Session> session) {
    session_ = std::move(session);
    picker_->setSession(session_.get()); // emits selectionChanged -> rebuild()
}

void ChartsDock::setSelectedDesigns(const std::vector<analysis::DesignKey>& keys) { picker_->setChecked(keys); }

void ChartsDock::rebuild() {
    const auto keys = picker_->checkedKeys();
    std::vector<analysis::DesignAnalysis> analyses;
    if (session_ && !keys.empty()) {
        analysis::AnalysisOptions options;
        options.labelWithRun = session_->runs.size() > 1;
        analyses = analysis::analyzeDesigns(*session_, keys, options);
    }
    auto comparison = std::make_shared<analysis::Comparison>(std::move(analyses));
    const auto& all = charts::ChartCatalog::all();
    // The context holds the notes edited since the session was loaded.
    const std::vector<Annotation> none;
    const auto& annotations = ctx_ ? ctx_->annotations() : session_ ? session_->annotations : none;
    for (std::size_t i = 0; i < all.size(); ++i) {
        all[i]->build(*plots_[i], comparison->analyses());
        if (plots_[i]->graphCount() > 0)
            all[i]->drawAnnotations(*plots_[i], comparison->analyses(), annotations);
        plots_[i]->replot(QCustomPlot::rpQueuedReplot);
    }
    charts::SummaryTables::fillPercentiles(*percentiles_, *comparison);
    current_ = comparison;
    comparison_->setComparison(current_);
}

void ChartsDock::redrawAnnotations() {
    // Only the note items change: no need to analyse the designs again.
    if (!current_ || !ctx_)
        return;
    const auto& all = charts::ChartCatalog::all();
    for (std::size_t i = 0; i < all.size(); ++i) {
        QCustomPlot* plot = plots_[i];
        for (int k = plot->itemCount() - 1; k >= 0; --k)
            if (plot->item(k)->objectName() == QLatin1String(charts::ChartAnnotations::kItemName))
                plot->removeItem(k);
        if (plot->graphCount() > 0 && all[i]->drawAnnotations(*plot, current_->analyses(), ctx_->annotations()) >= 0)
            plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

QCustomPlot* ChartsDock::plot(const QString& chartId) const {
    for (auto* p : plots_)
        if (p->objectName() == chartId)
            return p;
    return nullptr;
}

void ChartsDock::exportCurrentChart() {
    auto* plot = qobject_cast<QCustomPlot*>(tabs_->currentWidget());
    if (!plot) {
        QMessageBox::information(this, "Export chart", "Pick a chart tab first (tables export as CSV).");
        return;
    }
    const QString path = QFileDialog::getSaveFileName(this, "Export chart", plot->objectName() + ".png",
                                                      "PNG image (*.png);;SVG image (*.svg);;PDF (*.pdf);;CSV data (*.csv)");
    if (path.isEmpty())
        return;
    if (const QString error = charts::ChartExporter::save(*plot, path); !error.isEmpty())
        QMessageBox::warning(this, "Export chart", error);
}

void ChartsDock::exportCurrentData() {
    QString csv, name;
    if (auto* plot = qobject_cast<QCustomPlot*>(tabs_->currentWidget())) {
        csv = charts::ChartExporter::csv(*plot);
        name = plot->objectName();
    } else if (tabs_->currentWidget() == percentileView_ && current_) {
        csv = percentiles_->toCsv();
        name = "percentiles";
    } else if (current_) {
        csv = QString::fromStdString(current_->toCsv());
        name = "summary";
    }
    const QString path = QFileDialog::getSaveFileName(this, "Export data", name + ".csv", "CSV (*.csv)");
    if (path.isEmpty())
        return;
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(csv.toUtf8()) < 0)
        QMessageBox::warning(this, "Export data", QString("Cannot write %1: %2").arg(path, f.errorString()));
}

void ChartsDock::exportReport() {
    if (!session_) {
        QMessageBox::information(this, "HTML report", "Open a session or trace first.");
        return;
    }
    const QString dir = QFileDialog::getExistingDirectory(this, "Folder for the HTML report");
    if (dir.isEmpty())
        return;
    charts::ReportOptions options;
    if (ctx_ && !ctx_->documentPath().isEmpty())
        options.sessionName = QFileInfo(ctx_->documentPath()).fileName();
    auto files = charts::ReportWriter::write(*session_, dir, options);
    if (!files) {
        QMessageBox::warning(this, "HTML report", QString::fromStdString(files.error().message));
        return;
    }
    QDesktopServices::openUrl(QUrl::fromLocalFile(files->html));
}

} // namespace aioscope::gui
