#pragma once
#include "analysis/Comparison.h"
#include "analysis/DesignAnalysis.h"

#include <QDockWidget>

#include <memory>
#include <vector>

class QCustomPlot;
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
class ChartsDock : public QDockWidget {
    Q_OBJECT
public:
    // ctx may be null (tests, benchmarks): then feed it with setSession().
    explicit ChartsDock(DocumentContext* ctx, QWidget* parent = nullptr);
    ~ChartsDock() override;

    void setSession(std::shared_ptr<const Session> session);
    void setSelectedDesigns(const std::vector<analysis::DesignKey>& keys);
    // Recomputes the analysis of the selected designs and redraws every chart.
    void rebuild();
    void redrawAnnotations(); // after DocumentContext::annotationsChanged

    QCustomPlot* plot(const QString& chartId) const;
    QTabWidget* tabs() const { return tabs_; }
    charts::TextTableModel* percentileModel() const { return percentiles_; }
    ComparisonView* comparisonView() const { return comparison_; }
    DesignPicker* designPicker() const { return picker_; }
    std::shared_ptr<const analysis::Comparison> comparison() const { return current_; }

public slots:
    void exportCurrentChart();
    void exportCurrentData();
    void exportReport();

private:
    DocumentContext* ctx_;
    std::shared_ptr<const Session> session_;
    std::shared_ptr<const analysis::Comparison> current_;
    DesignPicker* picker_;
    QTabWidget* tabs_;
    std::vector<QCustomPlot*> plots_; // ChartCatalog order
    charts::TextTableModel* percentiles_;
    QTableView* percentileView_;
    ComparisonView* comparison_;
};

} // namespace aioscope::gui
