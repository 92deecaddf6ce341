#include "gui/timeline/TimelineColors.h"

namespace aioscope::gui {

TimelineColors TimelineColors::light() {
    TimelineColors c;
    c.background = QColor(0xff, 0xff, 0xff);
    c.laneAlt = QColor(0xf4, 0xf6, 0xf8);
    c.text = QColor(0x21, 0x21, 0x21);
    c.grid = QColor(0xe0, 0xe0, 0xe0);
    c.axis = QColor(0x61, 0x61, 0x61);
    c.running = QColor(0x43, 0xa0, 0x47);
    c.runnable = QColor(0xff, 0xb3, 0x00);
    c.blocked = QColor(0x5c, 0x6b, 0xc0);
    c.sleeping = QColor(0xc5, 0xca, 0xd0);
    c.dead = QColor(0x42, 0x42, 0x42);
    c.span = QColor(0x90, 0xca, 0xf9);
    c.inlineSegment = QColor(0x19, 0x76, 0xd2);
    c.otherSegment = QColor(0x8e, 0x24, 0xaa);
    c.leak = leakColor();
    c.leakSpan = QColor(0xef, 0x9a, 0x9a);
    c.arrow = QColor(0x6a, 0x1b, 0x9a);
    c.selection = QColor(0x00, 0x00, 0x00);
    c.highlight = QColor(0xff, 0x6f, 0x00);
    c.playback = QColor(0x00, 0x96, 0x88);
    return c;
}

TimelineColors TimelineColors::dark() {
    TimelineColors c = light();
    c.background = QColor(0x1e, 0x1f, 0x22);
    c.laneAlt = QColor(0x26, 0x28, 0x2c);
    c.text = QColor(0xe0, 0xe0, 0xe0);
    c.grid = QColor(0x3a, 0x3d, 0x42);
    c.axis = QColor(0xb0, 0xb0, 0xb0);
    c.sleeping = QColor(0x4a, 0x50, 0x58);
    c.span = QColor(0x2f, 0x5f, 0x8a);
    c.inlineSegment = QColor(0x42, 0xa5, 0xf5);
    c.otherSegment = QColor(0xce, 0x6c, 0xe0);
    c.leakSpan = QColor(0x7a, 0x2e, 0x2e);
    c.arrow = QColor(0xe1, 0xbe, 0xe7);
    c.selection = QColor(0xff, 0xff, 0xff);
    return c;
}

QColor TimelineColors::state(LaneState s) const {
    switch (s) {
    case LaneState::Running: return running;
    case LaneState::Runnable: return runnable;
    case LaneState::Blocked: return blocked;
    case LaneState::Sleeping: return sleeping;
    case LaneState::Dead: return dead;
    case LaneState::Unknown: break;
    }
    return QColor();
}

} // namespace aioscope::gui
