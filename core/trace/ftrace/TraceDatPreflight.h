#pragma once
#include "model/Result.h"

#include <string>

namespace aioscope::trace {

// libtracecmd (Debian 12's 1.3) can free twice or crash on a damaged
// trace.dat header; fuzzing found both. Opening the file once in a child
// process first turns such a crash into an error naming the file, instead
// of taking the whole app (a GUI with unsaved work) down with it.
class TraceDatPreflight {
public:
    static Result<void> check(const std::string& path);
};

} // namespace aioscope::trace
