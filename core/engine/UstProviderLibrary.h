#pragma once
#include "engine/ust/aioscope_tp_api.h"

namespace aioscope::engine {

// The `aioscope` lttng-ust provider (libaioscope_ust.so), loaded with dlopen
// the first time the engine emits an event instead of linked: liblttng-ust's
// constructor scans every loaded library and starts two threads, about 15 ms
// of each aioscope start here, which imports and queries never need. Loading
// it registers the process with a running lttng-sessiond (liblttng-ust waits
// for that), so a session that enabled aioscope:* before the run records
// every event of it, as when it was linked.
// When the library cannot be loaded, the engine runs untraced and the first
// use says why on stderr, once.
class UstProviderLibrary {
public:
    struct Functions {
        decltype(&aioscope_tp_run_begin) runBegin = nullptr;
        decltype(&aioscope_tp_submit) submit = nullptr;
        decltype(&aioscope_tp_exec_start) execStart = nullptr;
        decltype(&aioscope_tp_exec_end) execEnd = nullptr;
        decltype(&aioscope_tp_complete) complete = nullptr;
        decltype(&aioscope_tp_context) context = nullptr;
    };
    // Loads the library on the first call (from any thread); every pointer is
    // null when it could not be loaded.
    static const Functions& functions();
};

} // namespace aioscope::engine
