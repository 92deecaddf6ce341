#pragma once
#include "model/ImportWarning.h"
#include "model/Result.h"
#include "trace/TraceReader.h"
#include "trace/ctf/CtfShadowTrace.h"

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace aioscope::trace {

// libbabeltrace2 2.0.4 can abort() on a damaged packet context: an assertion
// in source.ctf.fs's packet reader (tests/fuzz/ctf/libbabeltrace2-aborts/).
// Nothing in-process survives that, so each trace directory's graph is first
// built once in a forked child, without LTTng's index/ files: source.ctf.fs
// then reads the header and context of every packet while it initializes
// (with them, it would read most only while the graph runs), so the child
// meets every damaged packet context without running the graph. A trace that
// kills the child is probed one stream file at a time (each in a shadow trace
// of its own): when only some of its stream files crash babeltrace2, the trace
// is read without them (a corrupt-packet warning names each); when all do,
// the whole trace is left out with a warning naming it, or is the error when
// nothing else is readable. Not covered: a damaged index/ file that points
// the real read into the middle of a packet.
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

    struct Options {
        // Metadata CtfMetadataGuard refuses (cut short, no clock freq) is
        // passed on without a child (CtfGraph reports it). Tests turn this
        // off to make a child meet babeltrace2's spin for real.
        bool skipRefusedMetadata = true;
        // The time a child may spend on one trace directory; 0: 8 s (or
        // $AIOSCOPE_CTF_CHECK_SECONDS) plus 1 s per 64 MiB of its streams.
        std::chrono::milliseconds perDirectory{0};
    };

    // Cancelling (control) kills the child and is an error. A child out of
    // time (babeltrace2 stuck) marks its trace damaged. The child dies with
    // the calling thread (PR_SET_PDEATHSIG).
    static Result<Survivors> survivors(const std::string& path, const std::vector<std::string>& traceDirectories,
                                       const ReadControl& control, std::vector<ImportWarning>& warnings,
                                       const Options& options);
    static Result<Survivors> survivors(const std::string& path, const std::vector<std::string>& traceDirectories,
                                       const ReadControl& control, std::vector<ImportWarning>& warnings) {
        return survivors(path, traceDirectories, control, warnings, Options{});
    }
};

} // namespace aioscope::trace
