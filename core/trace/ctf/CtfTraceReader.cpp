#include "trace/ctf/CtfTraceReader.h"

#include "trace/EventBatchPipe.h"
#include "trace/ctf/CtfGraph.h"
#include "trace/ctf/CtfMessageConverter.h"
#include "trace/ctf/CtfPreflight.h"
#include "trace/ctf/CtfShadowTrace.h"
#include "trace/ctf/CtfTraceFinder.h"

#include <cerrno>
#include <cstring>
#include <exception>
#include <sys/stat.h>
#include <thread>

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

    // babeltrace2 decodes on a thread of its own while this one runs the
    // sink (the trackers): the same calls in the same order, at the same time.
    // The converter interns event and field names for its life (longer than
    // the pipe's).
    EventBatchPipe pipe(sink, true);
    CtfMessageConverter converter(pipe);
    CtfGraph graph(converter);
    graph.adoptShadows(std::move(survivors->shadows));
    Result<void> built = graph.build(path, survivors->directories, warnings);
    for (const auto& w : warnings)
        sink.onWarning(w);
    if (!built)
        return built;
    warnings.clear();
    ReadControl decoding;
    decoding.cancel = control.cancel;
    if (control.progress)
        decoding.progress = [&pipe](std::uint64_t done, std::uint64_t total) { pipe.onProgress(done, total); };
    Result<void> ran;
    std::exception_ptr decodeError;
    std::thread decoder([&] {
        try {
            ran = graph.run(path, decoding, CtfTraceFinder::streamBytes(survivors->directories), warnings);
            pipe.close();
        } catch (...) {
            decodeError = std::current_exception();
            try {
                pipe.close();
            } catch (...) {
            }
        }
    });
    try {
        pipe.deliver(control);
    } catch (...) {
        decoder.join(); // the abandoned pipe ends the decoder's run at its next hand-over
        throw;
    }
    decoder.join();
    if (decodeError)
        std::rethrow_exception(decodeError);
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
