#pragma once
#include "model/Result.h"

#include <string>

namespace aioscope::trace::live {

class LiveCapture;

// Writes a stopped capture as a trace.dat (libtracecmd): the kernel's
// headers and event formats, the saved comms, and each CPU's recorded pages
// as they came from trace_pipe_raw, so `trace-cmd report`, KernelShark and
// `aioscope import` read it. Never replaces an existing file: it writes
// FILE.partial-<pid> next to it and renames it into place only if FILE
// still does not exist.
class TraceDatWriter {
public:
    static Result<void> write(const LiveCapture& capture, const std::string& path);
};

} // namespace aioscope::trace::live
