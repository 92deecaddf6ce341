#pragma once
#include "gui/timeline/TimelinePainter.h"

class QPainter;

namespace aioscope::gui {

// Something drawn over the timeline's lanes by another area (the event
// markers and cursor of app/gui/events), after TimelinePainter, with the
// same scene: it must cost O(pixels) like the lanes do.
class TimelineOverlay {
public:
    virtual ~TimelineOverlay() = default;
    virtual void paint(QPainter& p, const TimelinePainter::Scene& scene) const = 0;
};

} // namespace aioscope::gui
