#pragma once
#include "analysis/Comparison.h"
#include "analysis/DesignAnalysis.h"
#include "analysis/SubmitWindow.h"
#include "model/Ids.h"

#include <QDockWidget>
#include <QPoint>

#include <memory>
#include <optional>
#include <vector>

class QCheckBox;
class QCustomPlot;
class QTimer;
class QTabWidget;
class QTableView;

namespace aioscope {
struct Session;
}
namespace aioscope::charts {
class TextTableModel;
}

namespace aioscope::gui {

class DocumentContext;
class DesignPicker;
class ComparisonView;

// Latency charts of the current session: one tab per chart of the
// ChartCatalog (every selected design overlaid, coloured by DesignPalette),
// the percentile table and the comparison view; export of each chart
// (PNG/SVG/PDF/CSV) and of the HTML report.
// "Only the visible time range" (kept in QSettings) restricts the current
// run's requests to those submitted in the timeline's window, following zoom
// and pan. Clicking a point of the latency-over-time chart selects the
// request it stands for in the DocumentContext.
class ChartsDock : public QDockWidget {
    Q_OBJECT
public:
    static constexpr const char* kWindowOnlySetting = "charts/onlyVisibleTimeRange";

    // ctx may be null (tests, benchmarks): then feed it with setSession().
    explicit ChartsDock(DocumentContext* ctx, QWidget* parent = nullptr);
    ~ChartsDock() override;

    void setSession(std::shared_ptr<const Session> session);
    void setSelectedDesigns(const std::vector<analysis::DesignKey>& keys);
    // Recomputes the analysis of the selected designs on a worker thread
    // (it sorts every latency: 70 ms for 1M requests) and redraws every chart
    // when it is back; an analysis overtaken by a newer one is dropped.
    void rebuild();
    void redrawAnnotations(); // after DocumentContext::annotationsChanged

    QCustomPlot* plot(const QString& chartId) const;
    QTabWidget* tabs() const { return tabs_; }
    charts::TextTableModel* percentileModel() const { return percentiles_; }
    ComparisonView* comparisonView() const { return comparison_; }
    DesignPicker* designPicker() const { return picker_; }
    std::shared_ptr<const analysis::Comparison> comparison() const { return current_; }

    bool windowOnly() const;
    void setWindowOnly(bool on); // also remembered in QSettings
    QCheckBox* windowOnlyBox() const { return windowOnlyBox_; }
    // The window the charts shown were built from (none: every request).
    std::optional<analysis::SubmitWindow> builtWindow() const { return builtWindow_; }
    // A window change is applied after a short pause, so zooming with the
    // wheel does not analyse the session at every step. Pending also while
    // an analysis runs; chartsRebuilt() says when the charts show it.
    bool isRebuildPending() const;
    // What a click on the latency-over-time chart does at pos (widget
    // pixels): the request of the nearest point, selected in the context and
    // shown on the timeline; kNoRequest when no point is near.
    RequestId selectRequestAt(const QPoint& pos);

signals:
    // A point of the latency-over-time chart was clicked (also without a context).
    void requestActivated(std::size_t run, RequestId id);
    // The charts, tables and comparison() now show the latest rebuild().
    void chartsRebuilt();

public slots:
    void exportCurrentChart();
    void exportCurrentData();
    void exportReport();

private:
    std::optional<analysis::SubmitWindow> wantedWindow() const;
    void windowMoved();
    void showAnalysis(std::shared_ptr<const analysis::Comparison> comparison, std::optional<analysis::SubmitWindow> window);

    DocumentContext* ctx_;
    std::shared_ptr<const Session> session_;
    std::shared_ptr<const analysis::Comparison> current_;
    DesignPicker* picker_;
    QTabWidget* tabs_;
    std::vector<QCustomPlot*> plots_; // ChartCatalog order
    charts::TextTableModel* percentiles_;
    QTableView* percentileView_;
    ComparisonView* comparison_;
    QCheckBox* windowOnlyBox_;
    QTimer* windowTimer_;
    std::optional<analysis::SubmitWindow> builtWindow_;
    std::uint64_t analysisGeneration_ = 0; // the rebuild() whose result is wanted
    bool analysisRunning_ = false;
    QPoint pressPos_;
};

} // namespace aioscope::gui
