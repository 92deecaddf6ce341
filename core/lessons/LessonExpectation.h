#pragma once
#include "lessons/LessonStep.h"
#include "model/Ids.h"

#include <string>
#include <vector>

namespace aioscope {
class Run;
}

namespace aioscope::lessons {

// Whether a step's `expect` holds on a run, given what its highlight selected
// there: the one check behind `lessons --check` (traces) and the lesson player
// (every trace and live run it shows).
class LessonExpectation {
public:
    // One sentence per broken promise ("selects 0 request(s), expected at
    // least 1"); empty when the step keeps every promise.
    // `source` names the run in the sentence ("traces/x.dat"; empty: not named).
    static std::vector<std::string> problems(const LessonStep& step, const Run& run,
                                             const std::vector<RequestId>& selected, const std::string& source = {});
    // How many of the selected requests were handed off (ran on a task other than their submitter).
    static std::size_t handoffs(const Run& run, const std::vector<RequestId>& selected);
};

} // namespace aioscope::lessons
