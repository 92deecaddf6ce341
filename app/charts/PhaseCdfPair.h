#pragma once
#include "analysis/DesignAnalysis.h"

#include <QString>

#include <functional>
#include <vector>

class QCustomPlot;

namespace aioscope::charts {

// Two latency phases of each design as CDFs on one log axis: the first solid,
// the second dashed (submit vs completion, queue wait vs execution).
struct PhaseCdfPair {
    using Pick = std::function<const analysis::LatencyStats&(const analysis::DesignAnalysis&)>;
    QString title;
    QString firstName;
    Pick first;
    QString secondName;
    Pick second;
    void build(QCustomPlot& plot, const std::vector<analysis::DesignAnalysis>& designs) const;
};

} // namespace aioscope::charts
