#pragma once
#include "model/Ids.h"

#include <cstdint>
#include <vector>

namespace aioscope {

class Run;

// What each task did with the run's requests, counted once for every view
// (roles, the import summary, the GUI's task list). Block requests are counted
// apart: they sit under the requests, they are not requests of a design.
struct TaskActivity {
    std::uint64_t submitted = 0;     // requests of a design it submitted
    std::uint64_t blockRequests = 0; // block requests issued from its context
    std::uint64_t ranForOthers = 0;  // requests it executed that another task submitted
    std::uint64_t leaks = 0;         // of those, the ones with a leak verdict

    // One entry per task of the run, indexed by TaskId.
    static std::vector<TaskActivity> ofRun(const Run& run);
};

} // namespace aioscope
