#pragma once
#include "probes/ProbeRunner.h"

namespace aioscope::trace::live {
class LiveCapture;
}

namespace aioscope::probes {

class Probe;

// What one cell's fresh submitter thread does, start to finish: start the
// design, warm it up, change identity, send the probe request, collect the
// observation, let the probe judge, restore, stop the design.
class SubmitterSide {
public:
    struct Inputs {
        std::string design;
        std::uint64_t seq = 0;
        engine::DesignOptions designOptions;
        trace::live::LiveCapture* capture = nullptr;
        std::string traceUnavailable;
        pid_t runnerTid = 0;
        DesignFactory factory;
    };
    static ProbeCell run(Probe& probe, const Inputs& in, ProbeCell cell);
};

} // namespace aioscope::probes
