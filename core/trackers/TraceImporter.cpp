#include "trackers/TraceImporter.h"

#include "trace/EventIndex.h"
#include "trace/EventIndexBuilder.h"
#include "trace/EventSorter.h"
#include "trace/ReaderRegistry.h"
#include "trackers/ImportPipeline.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <mutex>

namespace aioscope::trackers {

Result<Run> importTraceWith(trace::TraceReader& reader, const std::string& path, const trace::ReadControl& control,
                            const ImportOptions& options) {
#ifdef __GLIBC__
    // The run's and the index's columns grow by doubling to hundreds of MB.
    // From a fresh mmap each, every doubling faults in new zeroed pages (a
    // VM pays dearly per fault); from the heap, freed columns are reused.
    // malloc_trim below hands what is left over back.
    static std::once_flag heapTuned;
    std::call_once(heapTuned, [] {
        mallopt(M_MMAP_THRESHOLD, 32 << 20);
        mallopt(M_TOP_PAD, 64 << 20);
    });
#endif
    Run run;
    run.kind = RunKind::TraceImport;
    run.source = path;
    run.format = std::string(reader.format());
    const std::size_t slash = path.find_last_of('/', path.size() > 1 ? path.size() - 2 : 0);
    run.name = slash == std::string::npos ? path : path.substr(slash + 1);
    trace::EventIndexBuilder index;
    if (options.indexEvents)
        run.requestEvents.start();
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
        SpillVector<std::uint32_t> newPlace;
        run.eventIndex =
            index.finish(source ? *source : trace::EventSourceIdentity{path, run.format, 0, 0}, &newPlace);
        run.requestEvents.remapEvents(newPlace);
    }
    run.finalize();
#ifdef __GLIBC__
    // libtracecmd frees its decompressed pages and symbol tables on close;
    // hand that memory back so a long-lived GUI does not keep it. After
    // finalize(), whose columns reuse those pages instead of faulting in new ones.
    if (options.returnFreedMemory)
        malloc_trim(0);
#endif
    return run;
}

Result<Run> importTrace(const std::string& path, const trace::ReadControl& control, const ImportOptions& options) {
    auto reader = trace::ReaderRegistry::detect(path);
    if (!reader)
        return reader.error();
    return importTraceWith(**reader, path, control, options);
}

} // namespace aioscope::trackers
