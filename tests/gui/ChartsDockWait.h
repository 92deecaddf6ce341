#pragma once
#include "gui/charts/ChartsDock.h"

#include <QCoreApplication>
#include <QDeadlineTimer>

namespace aioscope::testing {

// The dock analyses on a worker and applies a window change after a pause:
// let the event loop run until the charts show the latest request (bounded).
inline void waitForCharts(const gui::ChartsDock& dock) {
    QDeadlineTimer deadline(20000);
    while (dock.isRebuildPending() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
}

} // namespace aioscope::testing
