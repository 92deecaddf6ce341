#include "trace/ctf/CtfTraceReader.h"

#include "trace/ctf/CtfGraph.h"
#include "trace/ctf/CtfMessageConverter.h"
#include "trace/ctf/CtfPreflight.h"
#include "trace/ctf/CtfShadowTrace.h"
#include "trace/ctf/CtfTraceFinder.h"

#include <cerrno>
#include <cstring>
#include <sys/stat.h>

namespace aioscope::trace {

bool CtfTraceReader::canRead(const std::string& path) const
{
    return !CtfTraceFinder::findTraceDirectories(path).empty();
}

Result<void> CtfTraceReader::read(const std::string& path, RawEventSink& sink, const ReadControl& control)
{
    eventsRead_ = 0;
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        return makeError(path + ": cannot open: " + std::strerror(errno));
    const CtfTraceFinder::Search found = CtfTraceFinder::search(path);
    if (found.directories.empty()) {
        if (!found.rejectedMetadata.empty())
            return makeError(found.rejectedMetadata + ": not a trace");
        return makeError(path + ": not a CTF trace (" +
                         (found.stoppedBecause.empty() ? "no directory under it holds a CTF 'metadata' file"
                                                       : found.stoppedBecause) +
                         ")");
    }
    // Shadows of imports that were killed (Ctrl-C, a timeout) are removed
    // here too, so a long-lived GUI cleans up without a restart.
    CtfShadowTrace::removeLeftoversOfDeadProcesses();

    std::vector<ImportWarning> warnings;
    auto survivors = CtfPreflight::survivors(path, found.directories, control, warnings);
    for (const auto& w : warnings)
        sink.onWarning(w);
    if (!survivors)
        return survivors.error();
    warnings.clear();

    CtfMessageConverter converter(sink);
    CtfGraph graph(converter);
    graph.adoptShadows(std::move(survivors->shadows));
    Result<void> built = graph.build(path, survivors->directories, warnings);
    for (const auto& w : warnings)
        sink.onWarning(w);
    if (!built)
        return built;
    warnings.clear();
    Result<void> ran = graph.run(path, control, CtfTraceFinder::streamBytes(survivors->directories), warnings);
    eventsRead_ = converter.eventsRead();
    for (const auto& w : warnings)
        sink.onWarning(w);
    if (ran && eventsRead_ == 0)
        return makeError(path + ": no CTF event could be read (" + std::to_string(found.directories.size()) +
                         " trace folder" + (found.directories.size() == 1 ? "" : "s") +
                         ", every stream empty or unreadable)");
    return ran;
}

} // namespace aioscope::trace
