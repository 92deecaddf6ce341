#include "cli/StartupSweep.h"

#include "engine/ScratchDir.h"
#include "probes/ProbeScratchDir.h"
#include "store/TempFileRegistry.h"
#include "trace/ctf/CtfShadowTrace.h"
#include "trace/live/TracefsInstance.h"

#include <cstdlib>
#include <string>
#include <sys/stat.h>

namespace aioscope::cli {

void StartupSweep::run() {
    const char* tmp = std::getenv("TMPDIR");
    const std::string tempFolder = tmp && *tmp ? tmp : "/tmp";
    store::TempFileRegistry::removeAbandoned();
    probes::ProbeScratchDir::removeAbandoned(tempFolder);
    engine::ScratchDir::removeStale(tempFolder);
    trace::CtfShadowTrace::removeLeftoversOfDeadProcesses();
    struct stat st {};
    if (::stat("/sys/kernel/tracing/instances", &st) == 0)
        trace::live::TracefsInstance::removeStale();
}

} // namespace aioscope::cli
