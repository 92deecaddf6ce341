#pragma once

namespace aioscope::cli {

// Run once as any aioscope command starts: removes the temporary things of
// aioscope processes that are gone (killed, even with kill -9). Each kind
// carries its owner's pid and is swept by the core function of its owner:
// sessions' `NAME.tmp-PID` files (store::TempFileRegistry), the probes'
// `aioscope-probe-PID-*` folders, the engine's `aioscope-PID-*` scratch
// folders and the probes' tracefs instances.
class StartupSweep {
public:
    static void run();
};

} // namespace aioscope::cli
