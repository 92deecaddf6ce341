#include "trace/ctf/CtfTraceReader.h"

#include "trace/ctf/CtfGraph.h"
#include "trace/ctf/CtfMessageConverter.h"
#include "trace/ctf/CtfPreflight.h"
#include "trace/ctf/CtfTraceFinder.h"

#include <filesystem>
#include <system_error>

namespace aioscope::trace {

bool CtfTraceReader::canRead(const std::string& path) const
{
    return !CtfTraceFinder::findTraceDirectories(path).empty();
}

Result<void> CtfTraceReader::read(const std::string& path, RawEventSink& sink, const ReadControl& control)
{
    eventsRead_ = 0;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        return makeError(path + ": no such file or directory");
    const auto directories = CtfTraceFinder::findTraceDirectories(path);
    if (directories.empty())
        return makeError(path + ": not a CTF trace (no directory under it holds a CTF 'metadata' file)");

    std::vector<ImportWarning> warnings;
    auto survivors = CtfPreflight::survivors(path, directories, control, warnings);
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
    return ran;
}

} // namespace aioscope::trace
