#pragma once
#include "analysis/DesignAnalysis.h"
#include "model/Annotation.h"

#include <QString>

#include <vector>

class QCustomPlot;

namespace aioscope::charts {

// One kind of latency chart. build() replaces whatever the plot showed with
// one series (or a pair) per design, in the order given, coloured by
// DesignPalette; it does not replot.
class Chart {
public:
    virtual ~Chart() = default;
    virtual QString id() const = 0;    // "latency-cdf": file names, report anchors
    virtual QString title() const = 0; // "Latency CDF"
    virtual QString caption() const = 0;
    virtual void build(QCustomPlot& plot, const std::vector<analysis::DesignAnalysis>& designs) const = 0;
    // Adds the notes and bookmarks of the shown runs after build() (which
    // clears them); charts without a time axis draw nothing. Returns the
    // number of items added.
    virtual int drawAnnotations(QCustomPlot& /*plot*/, const std::vector<analysis::DesignAnalysis>& /*designs*/,
                                const std::vector<Annotation>& /*annotations*/) const {
        return 0;
    }
};

} // namespace aioscope::charts
