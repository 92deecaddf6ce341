#pragma once
#include "model/Result.h"
#include "model/Run.h"
#include "trace/TraceReader.h"

#include <cstddef>
#include <string>

namespace aioscope::trackers {

struct ImportOptions {
    // Events the sorter may hold to put an unsorted trace in order.
    std::size_t sortWindow = 4096;
    // Keep Run::eventIndex (every event's time, cpu, task, type and place).
    bool indexEvents = true;
    // Hand the heap's free memory back to the system once the run is made
    // (a long-lived GUI); a command that exits soon after gains nothing from
    // it but the time malloc_trim takes.
    bool returnFreedMemory = true;
};

// The whole import pipeline: content detection -> reader -> sorter ->
// trackers -> Run (finalized). A file that is not a trace (or cannot be
// opened) is an error naming the file and place; damaged parts of a trace,
// lost events and unsorted stretches become Run::warnings.
Result<Run> importTrace(const std::string& path, const trace::ReadControl& control = {},
                        const ImportOptions& options = {});

// The same with a given reader (tests, fuzzing, a GUI that already detected).
Result<Run> importTraceWith(trace::TraceReader& reader, const std::string& path, const trace::ReadControl& control = {},
                            const ImportOptions& options = {});

} // namespace aioscope::trackers
