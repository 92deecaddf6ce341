#pragma once
#include <cstddef>
#include <vector>

struct tracecmd_input;
struct tep_record;

namespace aioscope::trace {

// The records of all buffers' per-CPU streams in the order
// tracecmd_iterate_events_multi gives them (the earliest timestamp first; on
// a tie the earlier buffer, then the lower CPU), so the events are the same
// ones in the same order.
//
// Unlike it, on compressed files it keeps one record of every page until the
// handles are closed. libtracecmd 1.3 keeps every decompressed page until
// close anyway (free_zpage's test never matches), and each page it frees
// walks the whole list of them: quadratic in the pages of a CPU, the largest
// single cost of reading a big trace. A page that is still referenced is
// never freed, so that walk never happens; close then frees the pages'
// memory and freePinned() the records and page descriptors. The reader pins
// only when built against libtracecmd 1.3 (AIOSCOPE_LIBTRACECMD_1_3).
//
// A merge may take only some CPUs' streams (cpu % parts == part): merges of
// the parts, merged again by (timestamp, handle, CPU), give the same order as
// one merge of all, as each part's own order is the whole's restricted to it.
class TraceDatMerge {
public:
    TraceDatMerge(const std::vector<tracecmd_input*>& handles, bool pinPages, int parts = 1, int part = 0);
    ~TraceDatMerge();
    TraceDatMerge(const TraceDatMerge&) = delete;
    TraceDatMerge& operator=(const TraceDatMerge&) = delete;
    // The next record, owned by the merge and valid until the next call, and
    // the index of its handle; nullptr at the end.
    tep_record* next(std::size_t& handle);
    // Frees what is not pinned; call before closing the handles.
    void release();
    // Frees the pinned records; call after closing the handles.
    void freePinned();

private:
    struct Stream {
        tracecmd_input* input = nullptr;
        int cpu = 0;
        std::size_t handle = 0;
        tep_record* head = nullptr;  // read, not yet given out
        tep_record* given = nullptr; // given out by the last call
        const void* pinnedPage = nullptr;
    };
    void done(Stream& s, tep_record* record);

    std::vector<Stream> streams_;
    Stream* last_ = nullptr;
    bool pinPages_ = false;
    std::vector<tep_record*> pinned_;
};

} // namespace aioscope::trace
