#include "gui/charts/ChartsDock.h"

#include "analysis/DurationFormat.h"
#include "charts/ChartAnnotations.h"
#include "charts/ChartCatalog.h"
#include "charts/ChartExporter.h"
#include "charts/LatencyOverTimeChart.h"
#include "charts/ReportWriter.h"
#include "charts/SummaryTables.h"
#include "charts/TextTableModel.h"
#include "gui/DocumentContext.h"
#include "gui/charts/ComparisonView.h"
#include "gui/charts/DesignPicker.h"
#include "model/Session.h"

#include <QCheckBox>
#include <QPointer>
#include <QThreadPool>
#include <QDesktopServices>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QMessageBox>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace aioscope::gui {

namespace {
// Long enough to coalesce the steps of a wheel zoom, short enough to feel live.
constexpr int kWindowSettleMs = 150;
} // namespace

ChartsDock::ChartsDock(DocumentContext* ctx, QWidget* parent)
    : QDockWidget("Latency charts", parent), ctx_(ctx), picker_(new DesignPicker), tabs_(new QTabWidget),
      percentiles_(new charts::TextTableModel(this)), comparison_(new ComparisonView),
      windowOnlyBox_(new QCheckBox("Only the visible time range")), windowTimer_(new QTimer(this)) {
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
    tabs_->setElideMode(Qt::ElideNone); // whole titles; the scroll buttons reach the rest

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
    windowOnlyBox_->setObjectName("windowOnly");
    windowOnlyBox_->setToolTip("Chart only the requests of the current run submitted inside the timeline's visible "
                               "time range; follows zoom and pan");
    windowOnlyBox_->setChecked(QSettings().value(kWindowOnlySetting, false).toBool());
    windowOnlyBox_->setEnabled(ctx_ != nullptr);
    buttons->addWidget(windowOnlyBox_);
    buttons->addStretch();
    windowTimer_->setSingleShot(true);
    windowTimer_->setInterval(kWindowSettleMs);
    connect(windowTimer_, &QTimer::timeout, this, &ChartsDock::windowMoved);

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
    connect(windowOnlyBox_, &QCheckBox::toggled, this, [this](bool on) {
        QSettings().setValue(kWindowOnlySetting, on);
        windowTimer_->stop();
        rebuild();
    });
    if (QCustomPlot* overTime = plot("latency-over-time")) {
        // Own hit test rather than plottableClick: a note's band drawn over the
        // curves would take the click.
        connect(overTime, &QCustomPlot::mousePress, this, [this](QMouseEvent* e) { pressPos_ = e->pos(); });
        connect(overTime, &QCustomPlot::mouseRelease, this, [this](QMouseEvent* e) {
            if (e->button() == Qt::LeftButton && (e->pos() - pressPos_).manhattanLength() <= 3) // not a drag
                selectRequestAt(e->pos());
        });
    }
    if (ctx_) {
        connect(ctx_, &DocumentContext::documentChanged, this, [this] { setSession(ctx_->session()); });
        connect(ctx_, &DocumentContext::annotationsChanged, this, &ChartsDock::redrawAnnotations);
        connect(ctx_, &DocumentContext::timeWindowChanged, this, [this] {
            if (windowOnly())
                windowTimer_->start();
        });
        connect(ctx_, &DocumentContext::runChanged, this, [this] {
            if (windowOnly())
                windowTimer_->start();
        });
        setSession(ctx_->session());
    }
}

ChartsDock::~ChartsDock() = default;

void ChartsDock::setSession(std::shared_ptr<const Session> session) {
    session_ = std::move(session);
    picker_->setSession(session_.get()); // emits selectionChanged -> rebuild()
}

void ChartsDock::setSelectedDesigns(const std::vector<analysis::DesignKey>& keys) { picker_->setChecked(keys); }

bool ChartsDock::windowOnly() const { return windowOnlyBox_->isChecked() && ctx_; }

void ChartsDock::setWindowOnly(bool on) { windowOnlyBox_->setChecked(on); }

bool ChartsDock::isRebuildPending() const { return windowTimer_->isActive() || analysisRunning_; }

std::optional<analysis::SubmitWindow> ChartsDock::wantedWindow() const {
    // The context's window belongs to its session: not to one set by setSession() alone.
    if (!windowOnly() || !ctx_->run() || ctx_->session() != session_)
        return std::nullopt;
    return analysis::SubmitWindow{static_cast<std::size_t>(ctx_->runIndex()), ctx_->windowStart(), ctx_->windowEnd()};
}

void ChartsDock::windowMoved() {
    const auto wanted = wantedWindow();
    const bool same = wanted.has_value() == builtWindow_.has_value() &&
                      (!wanted || (wanted->run == builtWindow_->run && wanted->fromNs == builtWindow_->fromNs &&
                                   wanted->toNs == builtWindow_->toNs));
    if (!same)
        rebuild();
}

void ChartsDock::rebuild() {
    windowTimer_->stop();
    const auto keys = picker_->checkedKeys();
    const auto window = wantedWindow();
    const std::uint64_t gen = ++analysisGeneration_;
    if (!session_ || keys.empty()) {
        analysisRunning_ = false;
        showAnalysis(std::make_shared<analysis::Comparison>(std::vector<analysis::DesignAnalysis>{}), window);
        return;
    }
    analysis::AnalysisOptions options;
    options.labelWithRun = session_->runs.size() > 1;
    options.window = window;
    analysisRunning_ = true;
    // The shared_ptr keeps the session alive while the worker reads it.
    QPointer<ChartsDock> self(this);
    QThreadPool::globalInstance()->start([self, session = session_, keys, options, window, gen] {
        auto comparison =
            std::make_shared<const analysis::Comparison>(analysis::analyzeDesigns(*session, keys, options));
        QMetaObject::invokeMethod(
            self,
            [self, comparison, window, gen] {
                if (!self || gen != self->analysisGeneration_)
                    return; // a newer rebuild() is on its way
                self->analysisRunning_ = false;
                self->showAnalysis(comparison, window);
            },
            Qt::QueuedConnection);
    });
}

void ChartsDock::showAnalysis(std::shared_ptr<const analysis::Comparison> comparison,
                              std::optional<analysis::SubmitWindow> window) {
    builtWindow_ = window;
    // Say which range is charted, next to the switch.
    windowOnlyBox_->setText(window ? QString("Only the visible time range (%1)")
                                         .arg(QString::fromStdString(analysis::formatDuration(window->toNs - window->fromNs)))
                                   : QString("Only the visible time range"));
    const auto& all = charts::ChartCatalog::all();
    // The context holds the notes edited since the session was loaded.
    const std::vector<Annotation> none;
    const auto& annotations = ctx_ ? ctx_->annotations() : session_ ? session_->annotations : none;
    for (std::size_t i = 0; i < all.size(); ++i) {
        all[i]->build(*plots_[i], comparison->analyses());
        all[i]->drawAnnotations(*plots_[i], comparison->analyses(), annotations);
        plots_[i]->replot(QCustomPlot::rpQueuedReplot);
    }
    charts::SummaryTables::fillPercentiles(*percentiles_, *comparison);
    current_ = std::move(comparison);
    comparison_->setComparison(current_);
    emit chartsRebuilt();
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
        all[i]->drawAnnotations(*plot, current_->analyses(), ctx_->annotations());
        plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

RequestId ChartsDock::selectRequestAt(const QPoint& pos) {
    QCustomPlot* overTime = plot("latency-over-time");
    if (!overTime || !current_ || !session_)
        return kNoRequest;
    // The nearest point within the plot's click tolerance; medians win ties.
    QCPGraph* graph = nullptr;
    int dataIndex = -1;
    double best = overTime->selectionTolerance();
    for (int g = 0; g < overTime->graphCount(); ++g) {
        QCPGraph* candidate = overTime->graph(g);
        if (!candidate->property(charts::LatencyOverTimeChart::kDesignIndexProperty).isValid())
            continue;
        QVariant details;
        const double distance = candidate->selectTest(pos, false, &details);
        const QCPDataSelection hit = details.value<QCPDataSelection>();
        if (distance >= 0 && distance < best && !hit.isEmpty()) {
            best = distance;
            graph = candidate;
            dataIndex = hit.dataRange(0).begin();
        }
    }
    if (!graph || dataIndex < 0 || dataIndex >= graph->dataCount())
        return kNoRequest;
    const auto& analyses = current_->analyses();
    const int i = graph->property(charts::LatencyOverTimeChart::kDesignIndexProperty).toInt();
    const double latency = (graph->data()->constBegin() + dataIndex)->value;
    if (i < 0 || i >= static_cast<int>(analyses.size()) || !(latency > 0)) // NaN: an empty bin
        return kNoRequest;
    const analysis::DesignAnalysis& d = analyses[static_cast<std::size_t>(i)];
    const RequestId id = d.requestInLatencyBin(static_cast<std::size_t>(dataIndex), std::llround(latency));
    if (id == kNoRequest || d.key.run >= session_->runs.size())
        return kNoRequest;
    emit requestActivated(d.key.run, id);
    if (!ctx_ || ctx_->session() != session_)
        return id;
    const bool keepWindow = windowOnly(); // the request is in the window the charts were built from
    ctx_->setRunIndex(static_cast<int>(d.key.run));
    ctx_->selectRequest(id);
    if (keepWindow)
        return id;
    // Bring the timeline onto the request, with room around it (as the search does).
    const Run& run = session_->runs[d.key.run];
    const Request r = run.requests.get(id);
    const TimeNs end = r.completeNs == kNoTime ? run.endNs() : r.completeNs;
    const TimeNs pad = std::max<TimeNs>((end - r.submitNs) * 2, 5000);
    ctx_->setTimeWindow(r.submitNs - pad, end + pad);
    return id;
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
