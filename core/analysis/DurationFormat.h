#pragma once
#include "model/Ids.h"

#include <string>

namespace aioscope::analysis {

// "850 ns", "12.3 µs", "4.56 ms", "1.20 s"; "-" for kNoTime.
std::string formatDuration(TimeNs ns);
// "1.23 M", "45.6 k", "789"
std::string formatCount(double value);

} // namespace aioscope::analysis
