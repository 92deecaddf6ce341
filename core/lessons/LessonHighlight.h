#pragma once
#include "model/ContextAttribute.h"
#include "model/Ids.h"
#include "model/Request.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aioscope {
class Run;
}

namespace aioscope::lessons {

// What a step points at, resolved against a loaded Run to concrete requests.
// Every criterion that is set must hold (they combine with AND); a highlight
// with no criterion selects nothing.
struct LessonHighlight {
    bool executorNotSubmitter = false;           // some segment ran on another task
    std::optional<std::string> design;           // Request::design equals this
    std::optional<ContextAttribute> leakAttribute; // a leaking check of this attribute ("tid": other executor)
    std::vector<RequestId> requestIds;           // exactly these (indices after Run::finalize)
    std::optional<std::string> comm;             // some segment on a task whose comm matches this glob
    std::optional<std::string> submitterComm;    // submitter's comm matches this glob
    std::optional<IoOp> op;
    bool errorsOnly = false;                      // result < 0

    bool empty() const;
    std::vector<RequestId> select(const Run& run) const;
    // "requests executed by iou-wrk-* that are not their submitter", for the player.
    std::string describe() const;
};

// Shell-style glob on a comm: '*' any run, '?' one character.
bool commMatches(std::string_view pattern, std::string_view comm);

} // namespace aioscope::lessons
