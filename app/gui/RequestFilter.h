#pragma once
#include "model/Ids.h"
#include "model/Request.h"

#include <QSet>
#include <QString>

namespace aioscope {
class Run;
}

namespace aioscope::gui {

// Which requests the views show. Empty sets mean "all".
struct RequestFilter {
    QSet<QString> designs;   // design names as in Run::strings
    QSet<TaskId> tasks;      // submitter or executor task
    QSet<int> ops;           // static_cast<int>(IoOp)
    bool leaksOnly = false;

    bool isEmpty() const { return designs.isEmpty() && tasks.isEmpty() && ops.isEmpty() && !leaksOnly; }
    bool accepts(const Run& run, RequestId id) const;
    bool operator==(const RequestFilter&) const = default;
};

} // namespace aioscope::gui
