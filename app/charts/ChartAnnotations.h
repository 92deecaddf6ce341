#pragma once
#include "analysis/DesignAnalysis.h"
#include "model/Annotation.h"

#include <functional>
#include <vector>

class QCustomPlot;

namespace aioscope::charts {

// Draws the notes and bookmarks of the shown runs on a chart whose x axis is
// seconds from a design's origin: a note as a translucent band over its range,
// a bookmark as a vertical line, each with its text at the top of the plot.
// Items are named kItemName so they can be told from the chart's own.
class ChartAnnotations {
public:
    static constexpr const char* kItemName = "annotation";
    // originOf gives the time 0 of a design's x axis (run time, ns). Each run's
    // annotations are drawn once, against the first shown design of that run.
    // A chart without curves (nothing to chart) gets no notes either.
    // Returns the number of items added.
    static int draw(QCustomPlot& plot, const std::vector<analysis::DesignAnalysis>& designs,
                    const std::vector<Annotation>& annotations,
                    const std::function<TimeNs(const analysis::DesignAnalysis&)>& originOf);
    static int itemCount(const QCustomPlot& plot); // items named kItemName
};

} // namespace aioscope::charts
