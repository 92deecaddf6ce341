#pragma once
#include "model/LaneState.h"

#include <QColor>

namespace aioscope::gui {

// Colours of the timeline. The leak colour is the same in both palettes
// (tests look for it in rendered images).
struct TimelineColors {
    QColor background, laneAlt, text, grid, axis;
    QColor running, runnable, blocked, sleeping, dead;
    QColor span, inlineSegment, otherSegment, leak, leakSpan, arrow, selection, highlight, playback;
    // Notes (a translucent band with solid edges) and bookmarks (a line and a flag).
    QColor annotation = annotationColor(), bookmark = bookmarkColor();

    static QColor leakColor() { return QColor(0xd5, 0x00, 0x00); }
    static QColor annotationColor() { return QColor(0xb0, 0x8a, 0x00); }
    static QColor bookmarkColor() { return QColor(0xad, 0x14, 0x57); }
    static TimelineColors light();
    static TimelineColors dark();
    QColor state(LaneState s) const;
};

} // namespace aioscope::gui
