#include "trackers/TraceImporter.h"

#include "trace/EventIndex.h"
#include "trace/EventIndexBuilder.h"
#include "trace/EventSorter.h"
#include "trace/ReaderRegistry.h"
#include "trackers/ImportPipeline.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace aioscope::trackers {

namespace {
// Roles for the timeline: a thread that only issued block I/O (an io-wq
// worker writing back, a kworker) is not a submitter of the traced program;
// a thread that ran other threads' requests is a worker.
void assignRoles(Run& run) {
    std::vector<bool> submits(run.tasks.size()), works(run.tasks.size());
    const auto submitters = run.requests.submitter();
    for (RequestId id = 0; id < run.requests.size(); ++id)
        if (submitters[id] < run.tasks.size() && run.requests.get(id).source != RequestSource::Block)
            submits[submitters[id]] = true;
    for (const ExecSegment& s : run.segments)
        if (s.task < run.tasks.size() && s.request < run.requests.size() && s.task != submitters[s.request])
            works[s.task] = true;
    for (TaskId t = 0; t < run.tasks.size(); ++t) {
        const std::string_view comm = run.strings.view(run.tasks[t].comm);
        const bool kernelThread = comm.starts_with("kworker/") || comm.starts_with("iou-wrk-") ||
                                  comm.starts_with("iou-sqp-") || run.tasks[t].tid <= 0;
        if (works[t])
            run.tasks[t].role = TaskRole::Worker;
        else if (submits[t])
            run.tasks[t].role = TaskRole::Submitter;
        else
            run.tasks[t].role = kernelThread ? TaskRole::KernelThread : TaskRole::Unknown;
    }
}
} // namespace

Result<Run> importTraceWith(trace::TraceReader& reader, const std::string& path, const trace::ReadControl& control,
                            const ImportOptions& options) {
    Run run;
    run.kind = RunKind::TraceImport;
    run.source = path;
    run.format = std::string(reader.format());
    const std::size_t slash = path.find_last_of('/', path.size() > 1 ? path.size() - 2 : 0);
    run.name = slash == std::string::npos ? path : path.substr(slash + 1);
    trace::EventIndexBuilder index;
    {
        ImportPipeline pipeline(run);
        pipeline.setIndex(options.indexEvents ? &index : nullptr);
        trace::EventSorter sorter(pipeline, options.sortWindow);
        Result<void> read = reader.read(path, sorter, control);
        if (!read)
            return read.error();
        sorter.finish();
        pipeline.finish();
    }
    if (options.indexEvents) {
        auto source = trace::EventSourceIdentity::of(path, run.format);
        run.eventIndex = index.finish(source ? *source : trace::EventSourceIdentity{path, run.format, 0, 0});
    }
#ifdef __GLIBC__
    // libtracecmd frees its decompressed pages and symbol tables on close;
    // hand that memory back so a long-lived GUI does not keep it.
    malloc_trim(0);
#endif
    run.finalize();
    assignRoles(run);
    return run;
}

Result<Run> importTrace(const std::string& path, const trace::ReadControl& control, const ImportOptions& options) {
    auto reader = trace::ReaderRegistry::detect(path);
    if (!reader)
        return reader.error();
    return importTraceWith(**reader, path, control, options);
}

} // namespace aioscope::trackers
