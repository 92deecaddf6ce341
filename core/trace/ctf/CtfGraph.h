#pragma once
#include "model/ImportWarning.h"
#include "model/Result.h"
#include "trace/TraceReader.h"

#include <babeltrace2/babeltrace.h>

#include <exception>
#include <memory>
#include <string>
#include <vector>

namespace aioscope::trace {

class CtfMessageConverter;
class CtfShadowTrace;

// One babeltrace2 trace-processing graph:
//   source.ctf.fs (one per logical trace: directories sharing a trace UUID,
//   e.g. session-rotation chunks, go to one component, as `babeltrace2 DIR`
//   groups them) -> filter.utils.muxer -> a simple sink that hands each
//   message batch to a CtfMessageConverter.
// The system-wide plugins (ctf, utils) are loaded once per process.
class CtfGraph {
public:
    explicit CtfGraph(CtfMessageConverter& converter);
    ~CtfGraph();
    CtfGraph(const CtfGraph&) = delete;
    CtfGraph& operator=(const CtfGraph&) = delete;

    // Loads the system-wide plugins now (once per process), so that a forked
    // child (CtfPreflight) finds them loaded instead of calling dlopen.
    static void loadPlugins();

    // Takes shadow traces made elsewhere (CtfPreflight) that build() will
    // be given, so that stream files left out later name the original trace.
    void adoptShadows(std::vector<std::unique_ptr<CtfShadowTrace>> shadows);

    // Whether build() first refuses metadata CtfMetadataGuard knows to crash
    // or hang babeltrace2 (on by default; CtfPreflight's tests turn it off).
    void setMetadataGuard(bool on) { metadataGuard_ = on; }

    // Builds the graph. A trace whose metadata cannot be read is a warning
    // when others can be read, and the error when none can.
    Result<void> build(const std::string& path, const std::vector<std::string>& traceDirectories,
                       std::vector<ImportWarning>& warnings);
    // Runs until the end, an error or cancellation. A decoding error after
    // some events were read ends the read with a "corrupt-packet" warning.
    Result<void> run(const std::string& path, const ReadControl& control, std::uint64_t totalBytes,
                     std::vector<ImportWarning>& warnings);

private:
    // One attempt with these trace groups; on a source that cannot be
    // created, sets failedGroup to its index and cause to the reason.
    Result<void> tryBuild(const std::string& path, const std::vector<std::vector<std::string>>& groups,
                          std::size_t& failedGroup, std::string& cause);
    // When babeltrace2 refused trace `dir` because of one stream file, queues
    // a shadow of the trace without that file (and a warning naming it).
    Result<void> skipDamagedStream(const std::string& dir, const std::string& cause,
                                   std::vector<std::vector<std::string>>& groups, std::vector<ImportWarning>& warnings);
    static bt_graph_simple_sink_component_consume_func_status consume(bt_message_iterator* iterator, void* self);

    CtfMessageConverter& converter_;
    std::vector<std::unique_ptr<CtfShadowTrace>> shadows_; // outlive the graph that reads them
    bt_graph* graph_ = nullptr;
    std::exception_ptr sinkError_;
    bool metadataGuard_ = true;
};

} // namespace aioscope::trace
