#include "probes/ProbeRegistry.h"

#include "probes/AffinityProbe.h"
#include "probes/CapFsetidProbe.h"
#include "probes/CwdProbe.h"
#include "probes/FsuidProbe.h"
#include "probes/IoprioProbe.h"
#include "probes/NiceProbe.h"
#include "probes/PollSignalfdProbe.h"
#include "probes/SigxfszProbe.h"

#include <array>

namespace aioscope::probes {

namespace {
constexpr std::array<std::string_view, 8> kNames = {"fsuid", "cap-fsetid", "sigxfsz", "ioprio",
                                                     "nice",  "affinity",   "cwd",     "poll-signalfd"};
}

std::span<const std::string_view> ProbeRegistry::names() { return kNames; }

bool ProbeRegistry::known(std::string_view name) {
    for (auto n : kNames)
        if (n == name)
            return true;
    return false;
}

std::unique_ptr<Probe> ProbeRegistry::create(std::string_view name) {
    if (name == "fsuid")
        return std::make_unique<FsuidProbe>();
    if (name == "cap-fsetid")
        return std::make_unique<CapFsetidProbe>();
    if (name == "sigxfsz")
        return std::make_unique<SigxfszProbe>();
    if (name == "ioprio")
        return std::make_unique<IoprioProbe>();
    if (name == "nice")
        return std::make_unique<NiceProbe>();
    if (name == "affinity")
        return std::make_unique<AffinityProbe>();
    if (name == "cwd")
        return std::make_unique<CwdProbe>();
    if (name == "poll-signalfd")
        return std::make_unique<PollSignalfdProbe>();
    return nullptr;
}

} // namespace aioscope::probes
