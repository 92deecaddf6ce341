#pragma once
#include "model/Ids.h"
#include "model/Result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace aioscope::trace {

// Where the packets of one CTF trace directory lie and which times they
// cover, from the index/ files LTTng writes beside its stream files
// (CTF_INDEX 1.x: big-endian, one entry per packet: offset, sizes in bits,
// timestamp_begin/end in clock cycles). Times are turned into ns from origin
// with the metadata's one clock, as babeltrace2 does. libbabeltrace2 2.0's
// source.ctf.fs can only seek to its beginning, so this is what lets a
// reader hand it only the packets around a time (CtfTraceSlicer).
class CtfPacketIndex {
public:
    struct Packet {
        std::uint64_t offset = 0; // bytes into the stream file
        std::uint64_t bytes = 0;
        TimeNs begin = 0; // ns from origin
        TimeNs end = 0;
    };
    struct StreamFile {
        std::string name;            // in the trace directory
        std::vector<Packet> packets; // in file order, which is time order
    };

    // The index of trace directory `dir`, or why there is none usable: a
    // stream file without its index/NAME.idx, an index that does not tile
    // its file exactly (stale, cut short), or metadata with other than one clock.
    static Result<CtfPacketIndex> load(const std::string& dir);

    const std::string& directory() const { return directory_; }
    const std::vector<StreamFile>& files() const { return files_; }

private:
    std::string directory_;
    std::vector<StreamFile> files_;
};

} // namespace aioscope::trace
