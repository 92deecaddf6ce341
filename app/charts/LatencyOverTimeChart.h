#pragma once
#include "charts/Chart.h"

namespace aioscope::charts {

// Each graph carries the index of its design (property kDesignIndexProperty)
// and one data point per latencyOverTime bin, so a click maps back to
// DesignAnalysis::requestInLatencyBin.
class LatencyOverTimeChart : public Chart {
public:
    static constexpr const char* kDesignIndexProperty = "designIndex";
    QString id() const override;
    QString title() const override;
    QString caption() const override;
    void build(QCustomPlot& plot, const std::vector<analysis::DesignAnalysis>& designs) const override;
    int drawAnnotations(QCustomPlot& plot, const std::vector<analysis::DesignAnalysis>& designs,
                        const std::vector<Annotation>& annotations) const override;
};

} // namespace aioscope::charts
