#pragma once
#include <string>

namespace aioscope::trace {

// libbabeltrace2 keeps an error per thread, a chain of causes from the
// outermost call down to the root. This turns it into one line a user can
// act on: the root cause first (it names the file, offset or metadata line),
// then the context it was reported in.
class BabeltraceError {
public:
    // Takes (and clears) the current thread's error; empty when none.
    static std::string takeMessage();
};

} // namespace aioscope::trace
