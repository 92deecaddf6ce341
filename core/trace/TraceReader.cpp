#include "trace/TraceReader.h"

// The key functions live here so the vtables are emitted once.
namespace aioscope::trace {
} // namespace aioscope::trace
