#pragma once
#include "model/ImportWarning.h"
#include "model/Result.h"
#include "trace/TraceReader.h"
#include "trace/ctf/CtfShadowTrace.h"

#include <memory>
#include <string>
#include <vector>

namespace aioscope::trace {

// libbabeltrace2 2.0.4 can abort() on a damaged packet context (an assertion
// in source.ctf.fs while it indexes the packets of a stream file, before any
// event is read; tests/fuzz/ctf/libbabeltrace2-aborts/). Nothing in-process
// survives that, so each trace directory's graph is first built once in a
// forked child. A trace that kills the child is then probed one stream file
// at a time (each in a shadow trace of its own): when only some of its stream
// files crash babeltrace2, the trace is read without them (a corrupt-packet
// warning names each); when all do, the whole trace is left out with a
// warning naming it, or is the error when nothing else is readable. Running
// the graph is not repeated in the child: the packet indexing at component
// initialization is where the known aborts happen.
//
// The child only does what the caller does next (plugins are loaded in the
// parent first, so no dlopen); glibc keeps malloc and stdio usable after a
// fork from a multi-threaded process, and a crash in the child runs the
// default action, not the parent's signal handlers.
class CtfPreflight {
public:
    struct Survivors {
        // What to read: trace directories, or shadows of them without the
        // stream files that crash babeltrace2.
        std::vector<std::string> directories;
        std::vector<std::unique_ptr<CtfShadowTrace>> shadows; // must outlive the read
    };

    // Cancelling (control) kills the child and is an error.
    static Result<Survivors> survivors(const std::string& path, const std::vector<std::string>& traceDirectories,
                                       const ReadControl& control, std::vector<ImportWarning>& warnings);
};

} // namespace aioscope::trace
