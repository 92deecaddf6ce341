#pragma once
#include <QString>

namespace aioscope::gui {

class TimelineView;

// Writes the timeline as PNG, SVG or PDF (chosen by the file's suffix), all
// lanes, at the view's width.
class TimelineExporter {
public:
    static bool exportTo(const TimelineView& view, const QString& path, QString* error);
};

} // namespace aioscope::gui
