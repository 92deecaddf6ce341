#pragma once
#include "gui/events/EventMarkers.h"
#include "gui/timeline/TimelineOverlay.h"

#include <memory>

namespace aioscope::gui {

// The event list's marks on the timeline: a small triangle per pixel column
// holding a marked event (one binary search per drawn mark, so at most one
// per column and lane: O(pixels) at any zoom), the cursor an event click put
// there, and a ring around the selected event's mark.
class EventOverlay : public TimelineOverlay {
public:
    void setMarkers(std::shared_ptr<const EventMarkers> markers) { markers_ = std::move(markers); }
    const EventMarkers* markers() const { return markers_.get(); }
    void setCursor(TimeNs t, std::uint32_t eventId) {
        cursor_ = t;
        selectedEvent_ = eventId;
    }
    TimeNs cursor() const { return cursor_; }
    void paint(QPainter& p, const TimelinePainter::Scene& scene) const override;
    // Marks drawn by the last paint (tests and the status line).
    int lastDrawn() const { return drawn_; }
    static QColor kindColor(std::size_t kind);

private:
    std::shared_ptr<const EventMarkers> markers_;
    TimeNs cursor_ = kNoTime;
    std::uint32_t selectedEvent_ = UINT32_MAX;
    mutable int drawn_ = 0;
};

} // namespace aioscope::gui
