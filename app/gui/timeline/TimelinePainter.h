#pragma once
#include "gui/RequestFilter.h"
#include "gui/timeline/TimelineColors.h"
#include "gui/timeline/TimelineGeometry.h"
#include "model/Annotation.h"
#include "model/Ids.h"

#include <QRect>

#include <vector>

class QPainter;

namespace aioscope {
class Run;
}

namespace aioscope::gui {

class TimelineBins;
struct TimelineIndex;

// Draws a timeline from precomputed bins onto any QPainter (widget, QImage,
// SVG, PDF). Cost is bounded by pixels: per-lane column runs from the bins,
// and per-request overlays (hand-off arrows, leak labels, playback tokens)
// only when the window holds few enough requests to draw them readably.
class TimelinePainter {
public:
    struct Scene {
        const Run* run = nullptr;
        const TimelineIndex* index = nullptr;
        const TimelineBins* bins = nullptr;
        TimelineGeometry geometry;
        TimelineColors colors = TimelineColors::light();
        RequestId selected = kNoRequest;
        const std::vector<RequestId>* highlighted = nullptr;
        TimeNs playback = kNoTime;
        const RequestFilter* filter = nullptr;
        // Notes and bookmarks of the document; those of runIndex are drawn.
        const std::vector<Annotation>* annotations = nullptr;
        std::uint32_t runIndex = 0;
        QString emptyText;
        // Raster targets get each lane row as one image strip (one draw call
        // per row); vector exports (SVG, PDF) get merged rectangles.
        bool rasterRows = true;
    };

    static void paint(QPainter& p, const Scene& scene);
    // Rectangles of a request on screen (span on the submitter lane, each
    // segment on its lane), clipped to the plot; empty when off screen.
    static std::vector<QRect> requestRects(const Scene& scene, RequestId id);
    // The x of time t on the canvas (may be outside the plot).
    static double xOf(const Scene& scene, TimeNs t);

private:
    static void paintAxis(QPainter& p, const Scene& s);
    static void paintLanes(QPainter& p, const Scene& s);
    static void paintOverlays(QPainter& p, const Scene& s);
    static void paintRequestOutline(QPainter& p, const Scene& s, RequestId id, const QColor& color, int width);
    static void paintPlayback(QPainter& p, const Scene& s);
    static void paintAnnotations(QPainter& p, const Scene& s);
    static void paintLegend(QPainter& p, const Scene& s);
};

} // namespace aioscope::gui
