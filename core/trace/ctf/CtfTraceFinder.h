#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace aioscope::trace {

// Finds the physical CTF traces under a path: directories that directly hold
// a CTF `metadata` file (LTTng writes kernel/, ust/uid/..., ust/pid/...,
// one per rotation chunk). A trace directory is not searched further.
//
// The search is bounded: every directory is visited once however many
// symbolic links lead to it (tracked by device and inode), it goes at most
// kMaxDepth levels down and looks at most kMaxDirectories directories, and
// it never enters kernel pseudo-filesystems (/proc, /sys, tracefs, cgroup).
class CtfTraceFinder {
public:
    static constexpr int kMaxDepth = 16; // LTTng nests at most chunk/domain/uid|pid/N/bits
    static constexpr std::size_t kMaxDirectories = 10000;

    struct Search {
        std::vector<std::string> directories; // trace directories, sorted so reads are reproducible
        // The first `metadata` file met that is not CTF metadata, and why
        // ("d/metadata: not CTF metadata (...)"); empty when none.
        std::string rejectedMetadata;
        // Why the search stopped before looking everywhere; empty when it did not.
        std::string stoppedBecause;
    };

    // True when `file` is CTF 1.8 metadata: packetized (magic 0x75d11d57)
    // or plain text starting with "/* CTF 1.8".
    static bool isCtfMetadata(const std::string& file);
    // Why `file` is not CTF metadata, in words naming the file; empty when it is.
    static std::string whyNotCtfMetadata(const std::string& file);
    // Searches `path` (a directory, or a metadata file whose directory is the trace).
    static Search search(const std::string& path);
    static std::vector<std::string> findTraceDirectories(const std::string& path) { return search(path).directories; }
    // Bytes of data stream files (what progress counts against).
    static std::uint64_t streamBytes(const std::vector<std::string>& traceDirectories);
};

} // namespace aioscope::trace
