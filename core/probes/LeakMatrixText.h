#pragma once
#include "model/LeakMatrix.h"

#include <string>

namespace aioscope::probes {

// The leak matrix for a terminal: one row per design, one column per probe
// (in the order cells appear), short verdict words, a legend, the kernel,
// and one line per cell that is not `carried` saying what the kernel did.
class LeakMatrixText {
public:
    static std::string render(const LeakMatrix& matrix);
    static const char* shortVerdict(ProbeVerdict v); // "carried", "LEAK", "n/o", "skip"
};

} // namespace aioscope::probes
