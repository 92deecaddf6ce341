#include "gui/RequestFilter.h"

#include "model/Run.h"

namespace aioscope::gui {

bool RequestFilter::accepts(const Run& run, RequestId id) const {
    if (id >= run.requests.size())
        return false;
    if (leaksOnly && !(run.requests.flags()[id] & kRequestLeak))
        return false;
    if (!ops.isEmpty() && !ops.contains(static_cast<int>(run.requests.op()[id])))
        return false;
    if (!designs.isEmpty()) {
        const auto name = run.strings.view(run.requests.design()[id]);
        if (!designs.contains(QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()))))
            return false;
    }
    if (!tasks.isEmpty()) {
        if (tasks.contains(run.requests.submitter()[id]))
            return true;
        for (const auto& s : run.segmentsOf(id))
            if (tasks.contains(s.task))
                return true;
        return false;
    }
    return true;
}

} // namespace aioscope::gui
