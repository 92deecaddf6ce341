#pragma once
#include "model/Ids.h"

#include <cstdint>
#include <vector>

namespace aioscope {
class Run;
}

namespace aioscope::gui {

// What a run's first view is about. A trace's block-layer requests include
// every write-back and journal commit of the machine (bash, python3, jbd2,
// kworkers...), spread over the whole capture; the requests of the other
// designs (sync, libaio, io_uring, an engine's) are the I/O the trace was
// recorded for. When a run has only block requests, they are its focus.
class RunFocus {
public:
    struct Span {
        TimeNs start = kNoTime; // first submit of a focus request
        TimeNs end = kNoTime;   // last completion (or submit) of one
        std::size_t requests = 0;
        bool empty() const { return start == kNoTime || end == kNoTime; }
    };

    // 1 per request in the focus.
    static std::vector<std::uint8_t> mask(const Run& run);
    // The focus requests' busy span: their main burst when one holds at least
    // 90 % of them (a few set-up reads long before the I/O do not stretch
    // the view), else from the first submit to the last completion.
    static Span busySpan(const Run& run);
    // The first view: the busy span with a margin on either side.
    static Span firstView(const Run& run);
};

} // namespace aioscope::gui
