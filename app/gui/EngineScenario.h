#pragma once
#include <QMap>
#include <QString>
#include <QStringList>

namespace aioscope::gui {

// What the engine should run (the dialog's fields; a lesson step's scenario).
// Names are the CLI's: `aioscope run --designs ... --workload ...`.
struct EngineScenario {
    QString directory;          // empty: a temporary folder
    QStringList designs;        // "sync", "pool", "io_uring-async", ...
    QString workload = QStringLiteral("randwrite");
    int blockSize = 4096;
    int queueDepth = 8;
    int threads = 1;
    qint64 fileSize = 8 << 20;
    int requests = 2000;        // per design
    bool direct = false;
    QMap<QString, QString> options; // anything else the engine understands
};

} // namespace aioscope::gui
