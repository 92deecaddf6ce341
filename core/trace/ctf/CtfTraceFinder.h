#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace aioscope::trace {

// Finds the physical CTF traces under a path: directories that directly hold
// a CTF `metadata` file (LTTng writes kernel/, ust/uid/..., ust/pid/...,
// one per rotation chunk). A trace directory is not searched further.
class CtfTraceFinder {
public:
    // True when `file` is CTF 1.8 metadata: packetized (magic 0x75d11d57)
    // or plain text starting with "/* CTF 1.8".
    static bool isCtfMetadata(const std::string& file);
    // Trace directories under `path` (a directory, or a metadata file whose
    // directory is the trace), sorted so reads are reproducible.
    static std::vector<std::string> findTraceDirectories(const std::string& path);
    // Bytes of data stream files (what progress counts against).
    static std::uint64_t streamBytes(const std::vector<std::string>& traceDirectories);
};

} // namespace aioscope::trace
