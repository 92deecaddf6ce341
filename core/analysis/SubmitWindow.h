#pragma once
#include "model/Ids.h"

#include <cstddef>

namespace aioscope::analysis {

// A time range of one run, in run time: the analysis keeps only the requests
// of that run submitted in [fromNs, toNs). Other runs are not restricted (each
// run has its own clock, and the timeline shows one run at a time).
struct SubmitWindow {
    std::size_t run = 0;
    TimeNs fromNs = 0;
    TimeNs toNs = 0;

    bool contains(TimeNs submitNs) const { return submitNs != kNoTime && submitNs >= fromNs && submitNs < toNs; }
};

} // namespace aioscope::analysis
