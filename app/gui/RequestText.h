#pragma once
#include "model/Ids.h"

#include <QString>
#include <QStringList>

namespace aioscope {
class Run;
}

namespace aioscope::gui {

// Words for a request and its tasks, shared by the timeline, details and tables.
class RequestText {
public:
    static QString string(const Run& run, StringId id);
    static QString taskName(const Run& run, TaskId task); // "iou-wrk-4242 (4342)"
    // Names of the attributes that leaked, "fsuid, credentials"; "" if none.
    static QString leakAttributes(const Run& run, RequestId id);
    // Tasks other than the submitter that ran the request, comma-separated.
    static QString executors(const Run& run, RequestId id);
    static QString summary(const Run& run, RequestId id); // one line
    // Rich text: the hand-off line, then each attribute's verdict (as
    // RunDerivation decided it) with its evidence, then what stayed unknown and why.
    static QString verdictHtml(const Run& run, RequestId id);
};

} // namespace aioscope::gui
