#pragma once
#include <string>

namespace aioscope::trace {

// libbabeltrace2 keeps an error per thread, a chain of causes from the
// outermost call down to the root. This turns it into one line a user can
// act on: the root cause first (it names the file, offset or metadata line),
// then the context it was reported in.
class BabeltraceError {
public:
    // Takes (and clears) the current thread's error; empty when none. When
    // `streamFile` is given, it receives the CTF stream file a source.ctf.fs
    // message iterator was reading when it failed (empty when none did).
    static std::string takeMessage(std::string* streamFile = nullptr);
};

} // namespace aioscope::trace
