#pragma once
#include <QColor>
#include <QString>

#include <string_view>

namespace aioscope::charts {

// One colour per design across the whole app (charts, tables, timeline, leak
// matrix): the designs the engine knows have fixed colours; any other name
// (a trace's mechanism) gets a stable colour from its hash.
class DesignPalette {
public:
    static QColor color(const QString& design);
    static QColor color(std::string_view design);
    // Line style for the n-th run when several runs of one design overlay.
    static Qt::PenStyle runStyle(std::size_t runOrdinal);
    // Translucent fill for areas under a design's curve.
    static QColor fill(const QColor& c, int alpha = 40);
};

} // namespace aioscope::charts
