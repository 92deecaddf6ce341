#pragma once
#include "model/ImportWarning.h"
#include "model/Result.h"
#include "trace/TraceReader.h"

#include <string>
#include <vector>

namespace aioscope::trace {

// libbabeltrace2 2.0.4 can abort() on a damaged packet context (an assertion
// in source.ctf.fs while it indexes the packets of a stream file, before any
// event is read; tests/fuzz/ctf/libbabeltrace2-aborts/). Nothing in-process
// survives that, so each trace directory's graph is first built once in a
// forked child: a child that dies tells which trace crashed it, and that
// trace is left out with a warning instead of taking the process (a GUI with
// unsaved work) down. Running the graph is not repeated there: the packet
// indexing at component initialization is where the known aborts happen.
//
// The child only does what the caller does next (plugins are loaded in the
// parent first, so no dlopen); glibc keeps malloc and stdio usable after a
// fork from a multi-threaded process.
class CtfPreflight {
public:
    // The trace directories that babeltrace2 can build a graph for without
    // crashing. For each that crashed it, `warnings` gets a corrupt-packet
    // warning naming the directory; when every one did, the first is the
    // error. Cancelling (control) kills the child and is an error too.
    static Result<std::vector<std::string>> survivors(const std::string& path,
                                                      const std::vector<std::string>& traceDirectories,
                                                      const ReadControl& control, std::vector<ImportWarning>& warnings);
};

} // namespace aioscope::trace
