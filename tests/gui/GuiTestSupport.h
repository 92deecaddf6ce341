#pragma once
#include "model/Ids.h"

#include <QString>
#include <QStringList>

#include <memory>

namespace aioscope {
struct Session;
class Run;
}

namespace aioscope::gui {
class DocumentContext;
class TimelineView;
}

namespace aioscope::guitest {

// The sample traces shipped in traces/ (both the .txt and .dat of each).
QStringList sampleTraces();
// Opens `path` through the context (the real async loader) and waits for the
// load and the timeline index. Returns false with the loader's message.
bool openAndWait(gui::DocumentContext& context, gui::TimelineView* view, const QString& path, QString* message);
// A synthetic session built by the GUI's SyntheticRunBuilder.
std::shared_ptr<const Session> syntheticSession(const char* spec);
bool waitForIndex(gui::TimelineView& view);
// Request ids that leak and have at least one execution segment.
std::vector<RequestId> leakingRequests(const Run& run);

} // namespace aioscope::guitest
