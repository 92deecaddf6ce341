#pragma once
#include <string>

namespace aioscope::cli {

// A program installed beside the running one (aioscope-gui beside aioscope).
class SiblingProgram {
public:
    // `name` in the folder of this process's executable (/proc/self/exe);
    // empty when that cannot be read.
    static std::string path(const char* name);
};

} // namespace aioscope::cli
