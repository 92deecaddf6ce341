#pragma once
#include <QRect>

#include <algorithm>

namespace aioscope::gui {

// Where things are on the timeline canvas.
struct TimelineGeometry {
    int labelWidth = 190;
    int axisHeight = 30;
    int laneHeight = 30;
    int width = 800;   // whole canvas
    int height = 600;
    int legendHeight = 22; // strip at the bottom explaining the colours
    int firstLane = 0; // lane shown at the top (vertical scroll)

    int plotLeft() const { return labelWidth; }
    int plotWidth() const { return width > labelWidth ? width - labelWidth : 1; }
    int visibleLanes() const { return std::max(1, (height - axisHeight - legendHeight + laneHeight - 1) / laneHeight); }
    int lanesBottom() const { return height - legendHeight; }
    int laneTop(int lane) const { return axisHeight + (lane - firstLane) * laneHeight; }
    int laneAt(int y) const { return y < axisHeight ? -1 : firstLane + (y - axisHeight) / laneHeight; }
    // Rows inside a lane: the request span bar, the execution bar, the state band.
    int spanTop(int lane) const { return laneTop(lane) + 3; }
    // The span bar is a small depth chart (requests in flight per column), so it has some height.
    int spanHeight() const { return 9; }
    int segmentTop(int lane) const { return laneTop(lane) + 14; }
    int segmentHeight() const { return laneHeight - 20; }
    int stateTop(int lane) const { return laneTop(lane) + laneHeight - 5; }
    int stateHeight() const { return 4; }
};

} // namespace aioscope::gui
