#pragma once
#include "model/Run.h"
#include "model/Session.h"

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace aioscope::testing {

// A finalized run whose designs have latencies drawn from known
// distributions with a fixed seed; `latencies` keeps what was drawn, per
// design in insertion order, so tests can check against their own maths.
struct SyntheticDesign {
    std::string name;
    enum class Distribution { Uniform, Exponential } distribution = Distribution::Uniform;
    double a = 1000, b = 100000; // uniform [a, b) ns, or exponential mean a ns
    std::size_t requests = 1000;
    std::uint64_t blockSize = 4096;
    bool worker = false;       // executed by another task (a pool)
    std::size_t leakEvery = 0; // every Nth request gets an fsuid leak check
};

struct SyntheticRun {
    aioscope::Run run;
    std::vector<std::vector<TimeNs>> latencies;
};

// The engine's snapshots of an fsuid leak on request `id`: the executor kept
// fsuid 0 for a submitter at 65534 (RunDerivation makes it a leak).
void addFsuidLeakSnapshots(aioscope::Run& run, RequestId id);

SyntheticRun makeSyntheticRun(const std::vector<SyntheticDesign>& designs, std::uint32_t seed, TimeNs gapNs = 10000);

} // namespace aioscope::testing
