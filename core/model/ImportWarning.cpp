#include "model/ImportWarning.h"

namespace aioscope {

std::string importWarningLine(const ImportWarning& w) {
    const ImportProblemInfo& info = importProblemInfo(w.kind);
    std::string line = std::string(problemSeverityName(info.severity)) + ": " + std::string(info.name) + " at " +
                       w.place + ": " + w.message;
    if (w.count > 1)
        line += " (x" + std::to_string(w.count) + ")";
    return line;
}

} // namespace aioscope
