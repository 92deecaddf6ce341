#include "trace/ftrace/TraceDatMerge.h"

#include "trace/ftrace/LibTraceCmd.h"

namespace aioscope::trace {

TraceDatMerge::TraceDatMerge(const std::vector<tracecmd_input*>& handles) {
    for (std::size_t h = 0; h < handles.size(); ++h) {
        const int cpus = tracecmd_cpus(handles[h]);
        for (int cpu = 0; cpu < cpus; ++cpu)
            if (tep_record* first = tracecmd_read_data(handles[h], cpu))
                streams_.push_back({handles[h], cpu, h, first, nullptr});
    }
}

TraceDatMerge::~TraceDatMerge() {
    for (Stream& s : streams_) {
        if (s.head)
            tracecmd_free_record(s.head);
        if (s.given)
            tracecmd_free_record(s.given);
    }
}

tep_record* TraceDatMerge::next(std::size_t& handle) {
    if (last_) {
        // Read the stream's next record before freeing the last one: its page
        // (and decompressed chunk) stays loaded for the read.
        last_->head = tracecmd_read_data(last_->input, last_->cpu);
        tracecmd_free_record(last_->given);
        last_->given = nullptr;
        last_ = nullptr;
    }
    Stream* best = nullptr;
    for (Stream& s : streams_)
        if (s.head && (!best || s.head->ts < best->head->ts))
            best = &s;
    if (!best)
        return nullptr;
    best->given = best->head;
    best->head = nullptr;
    last_ = best;
    handle = best->handle;
    return best->given;
}

} // namespace aioscope::trace
