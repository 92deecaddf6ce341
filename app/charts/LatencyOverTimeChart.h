#pragma once
#include "charts/Chart.h"

namespace aioscope::charts {

class LatencyOverTimeChart : public Chart {
public:
    QString id() const override;
    QString title() const override;
    QString caption() const override;
    void build(QCustomPlot& plot, const std::vector<analysis::DesignAnalysis>& designs) const override;
    int drawAnnotations(QCustomPlot& plot, const std::vector<analysis::DesignAnalysis>& designs,
                        const std::vector<Annotation>& annotations) const override;
};

} // namespace aioscope::charts
