#pragma once
#include <string>

namespace aioscope {

enum class ProbeVerdict { Carried, Leak, NotObservable, Skipped };
const char* probeVerdictName(ProbeVerdict v);
bool probeVerdictFromName(const std::string& name, ProbeVerdict* out);

// One cell of the leak matrix: one design, one probe, and what the kernel
// showed. A verdict is only ever derived from `outcome`, never from the design.
struct ProbeCell {
    std::string design;
    std::string probe;
    ProbeVerdict verdict = ProbeVerdict::Skipped;
    std::string submitterValue;
    std::string executorValue;
    std::string outcome;  // what the kernel did, in words
    std::string reason;   // why skipped / not observable
    std::string evidence; // worker creation, /proc status lines, trace events
    bool operator==(const ProbeCell&) const = default;
};

} // namespace aioscope
