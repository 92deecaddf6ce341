#pragma once
#include "model/Run.h"

#include <cstdint>
#include <string>

namespace aioscope::gui {

// Builds a Run shaped like an io_uring trace with punted buffered writes:
// submitter threads, iou-wrk workers created by them, requests run inline on
// the submitter or punted to a worker, some punted ones leaking fsuid, and
// scheduling states on every lane. For benchmarks, demos and GUI tests that
// need sizes no sample trace has. Deterministic for a given seed.
class SyntheticRunBuilder {
public:
    struct Params {
        std::uint32_t submitters = 2;
        std::uint32_t workersPerSubmitter = 2;
        std::uint64_t requests = 200;
        std::uint64_t stateEvents = 4000; // scheduling intervals over all lanes
        std::uint32_t puntPercent = 60;
        std::uint32_t leakEvery = 5;      // every Nth punted request leaks
        std::uint64_t seed = 1;
        TimeNs spacingNs = 50'000;        // mean gap between submits of one submitter
    };

    // "synthetic:requests=1000,submitters=2,workers=3,states=50000,leak=5,punt=60,seed=1"
    static bool parseSpec(const std::string& spec, Params* out, std::string* error);
    static Run build(const Params& params);
};

} // namespace aioscope::gui
