#pragma once
#include "model/ImportProblem.h"

#include <cstdint>
#include <string>

namespace aioscope {

// Something a reader or the engine could not take as it was, with its place
// (a line number, a byte offset, a stream) so the user can look at it.
struct ImportWarning {
    ImportProblem kind = ImportProblem::Unknown; // its name, severity and description: importProblemInfo()
    std::string place;   // "trace.txt:1234", "offset 0x1f00", "stream 3"
    std::string message;
    std::uint64_t count = 1; // repeated warnings of one kind at one place are folded
    bool operator==(const ImportWarning&) const = default;
};

// The one line every view shows: "warning lost-events at trace.dat: CPU 1: ... (x3)".
std::string importWarningLine(const ImportWarning& warning);

} // namespace aioscope
