#pragma once
#include <cstddef>
#include <vector>

struct tracecmd_input;
struct tep_record;

namespace aioscope::trace {

// The records of all buffers' per-CPU streams in the order
// tracecmd_iterate_events_multi gives them (the earliest timestamp first; on
// a tie the earlier buffer, then the lower CPU), so the events are the same
// ones in the same order. Unlike it, each stream keeps its last record until
// the next one is read: the record pins its page, and with it the
// decompressed chunk the page lies in, which libtracecmd would otherwise
// decompress again for every page of the chunk.
class TraceDatMerge {
public:
    explicit TraceDatMerge(const std::vector<tracecmd_input*>& handles);
    ~TraceDatMerge();
    TraceDatMerge(const TraceDatMerge&) = delete;
    TraceDatMerge& operator=(const TraceDatMerge&) = delete;
    // The next record, owned by the merge and valid until the next call, and
    // the index of its handle; nullptr at the end.
    tep_record* next(std::size_t& handle);

private:
    struct Stream {
        tracecmd_input* input = nullptr;
        int cpu = 0;
        std::size_t handle = 0;
        tep_record* head = nullptr;  // read, not yet given out
        tep_record* given = nullptr; // given out by the last call
    };
    std::vector<Stream> streams_;
    Stream* last_ = nullptr;
};

} // namespace aioscope::trace
