#include "charts/DesignPalette.h"

#include <QHash>

#include <array>
#include <utility>

namespace aioscope::charts {

namespace {
// Colour-blind-friendly, distinct on white: the engine's designs in the order of docs/architecture.md.
constexpr std::array<std::pair<const char*, QRgb>, 9> kKnown = {{
    {"sync", 0x4d4d4d},
    {"pool", 0xd62728},
    {"pool-impersonate", 0xff7f0e},
    {"syslet", 0x9467bd},
    {"posix-aio", 0x8c564b},
    {"libaio", 0x2ca02c},
    {"io_uring", 0x1f77b4},
    {"io_uring-async", 0x17becf},
    {"io_uring-sqpoll", 0xe377c2},
}};
constexpr std::array<QRgb, 8> kOthers = {0x393b79, 0x637939, 0x8c6d31, 0x843c39,
                                         0x7b4173, 0x3182bd, 0xe6550d, 0x31a354};
} // namespace

QColor DesignPalette::color(const QString& design) {
    for (const auto& [name, rgb] : kKnown)
        if (design == QLatin1String(name))
            return QColor(rgb);
    return QColor(kOthers[qHash(design, 0x5eed) % kOthers.size()]);
}

QColor DesignPalette::color(std::string_view design) {
    return color(QString::fromUtf8(design.data(), static_cast<qsizetype>(design.size())));
}

Qt::PenStyle DesignPalette::runStyle(std::size_t runOrdinal) {
    static constexpr Qt::PenStyle styles[] = {Qt::SolidLine, Qt::DashLine, Qt::DotLine, Qt::DashDotLine};
    return styles[runOrdinal % 4];
}

QColor DesignPalette::fill(const QColor& c, int alpha) {
    QColor f = c;
    f.setAlpha(alpha);
    return f;
}

} // namespace aioscope::charts
