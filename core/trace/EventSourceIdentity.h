#pragma once
#include "model/Result.h"

#include <cstdint>
#include <string>

namespace aioscope::trace {

// What the event index remembers of the file it points into: enough to tell
// that the file at that path is still the one indexed (same size, same
// header bytes) before fields are decoded from it at the indexed offsets.
struct EventSourceIdentity {
    std::string path;
    std::string format; // "trace.dat", "ftrace-text", "ctf"
    std::uint64_t size = 0;
    std::uint64_t headHash = 0; // FNV-1a of the first 64 KiB (CTF: of every metadata file)

    // Size and header hash of the file or CTF directory at `path` now.
    static Result<EventSourceIdentity> of(const std::string& path, const std::string& format);
    // Empty when the source at `path` is still the indexed one, else why not ("moved", "changed").
    std::string whyNotCurrent() const;
    // Whether `candidate` (a file the user located) is this source, moved:
    // same size and header hash. Returns this identity at its new path, or
    // an error saying why it is another file.
    Result<EventSourceIdentity> located(const std::string& candidate) const;
    bool operator==(const EventSourceIdentity&) const = default;
};

} // namespace aioscope::trace
