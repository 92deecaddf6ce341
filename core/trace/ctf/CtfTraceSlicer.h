#pragma once
#include "model/Ids.h"
#include "model/Result.h"
#include "trace/ctf/CtfPacketIndex.h"
#include "trace/ctf/CtfShadowTrace.h"

#include <memory>
#include <string>
#include <vector>

namespace aioscope::trace {

// Seeking in a CTF trace for libbabeltrace2 2.0, whose source.ctf.fs can only
// seek to its beginning (a time seek is emulated by decoding from there):
// for a time window, a shadow of each trace directory whose stream files hold
// only the packets that overlap the window (copied from the originals, found
// with CtfPacketIndex; a link to the file when the window starts in its first
// packet), with the original metadata. Reading the shadows gives
// every event of the window, in the order the whole trace gives them (the
// muxer orders by time, then by content), plus the rest of the edge packets.
//
// Only for traces that read cleanly: a trace with a damaged stream file (one
// CtfPreflight leaves out), refused metadata or no usable packet index cannot
// be sliced; open() says why, and callers read the whole trace instead.
class CtfTraceSlicer {
public:
    struct Slice {
        std::vector<std::unique_ptr<CtfShadowTrace>> shadows; // removed with the slice
        std::vector<std::string> directories;                 // what to read: the shadows' paths
        std::uint64_t bytes = 0;                              // of the packets copied or linked
    };

    static Result<CtfTraceSlicer> open(const std::string& path);
    // The packets of every stream file that overlap [from, to] (ns from origin).
    Result<Slice> slice(TimeNs from, TimeNs to) const;
    std::uint64_t streamBytes() const { return streamBytes_; }

private:
    std::string path_;
    std::vector<CtfPacketIndex> traces_;
    std::uint64_t streamBytes_ = 0;
};

} // namespace aioscope::trace
