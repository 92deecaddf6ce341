#include "trace/ftrace/TraceDatMerge.h"

#include "trace/ftrace/LibTraceCmd.h"

#include <cstdlib>

namespace aioscope::trace {

TraceDatMerge::TraceDatMerge(const std::vector<tracecmd_input*>& handles, bool pinPages, int parts, int part)
    : pinPages_(pinPages) {
    for (std::size_t h = 0; h < handles.size(); ++h) {
        const int cpus = tracecmd_cpus(handles[h]);
        for (int cpu = part; cpu < cpus; cpu += parts)
            if (tep_record* first = tracecmd_read_data(handles[h], cpu))
                streams_.push_back({handles[h], cpu, h, first, nullptr, nullptr});
    }
}

TraceDatMerge::~TraceDatMerge() {
    // Only reached without release()/freePinned() on a path that kept the
    // handles open: freeing the records then is still valid.
    release();
    for (tep_record* r : pinned_)
        tracecmd_free_record(r);
}

void TraceDatMerge::done(Stream& s, tep_record* record) {
    if (pinPages_ && record->priv != s.pinnedPage) {
        s.pinnedPage = record->priv;
        pinned_.push_back(record);
        return;
    }
    tracecmd_free_record(record);
}

tep_record* TraceDatMerge::next(std::size_t& handle) {
    if (last_) {
        // The stream's next record is read before the last one is freed: its
        // page (and decompressed chunk) stays loaded for the read.
        last_->head = tracecmd_read_data(last_->input, last_->cpu);
        done(*last_, last_->given);
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

void TraceDatMerge::release() {
    for (Stream& s : streams_) {
        if (s.head)
            tracecmd_free_record(s.head);
        if (s.given)
            done(s, s.given);
        s.head = s.given = nullptr;
    }
    last_ = nullptr;
}

void TraceDatMerge::freePinned() {
    // The handles are closed: each record is its own allocation and its page
    // descriptor (priv) another, which tracecmd_close left to the last
    // reference; the page memory itself went with the handle.
    for (tep_record* r : pinned_) {
        std::free(r->priv);
        std::free(r);
    }
    pinned_.clear();
}

} // namespace aioscope::trace
