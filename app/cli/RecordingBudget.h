#pragma once
#include <cstdint>
#include <string>

namespace aioscope::cli {

// How much `aioscope run` may record: recorded requests stay in memory until
// the run ends (then go to the session), so a huge --requests or --duration
// would grow until the OOM killer ends the process. The limit is half of
// MemAvailable (/proc/meminfo) when the run starts, or `run --memory-limit`.
class RecordingBudget {
public:
    // Measured with /usr/bin/time on `run --requests 1000000` (records, their
    // snapshots, the model run built from them and the session write), rounded up.
    static constexpr std::uint64_t kBytesPerRequest = 1024;

    // `limitBytes` 0: half of MemAvailable.
    explicit RecordingBudget(std::uint64_t limitBytes = 0);
    std::uint64_t limitBytes() const { return limit_; }
    // Empty when `requests` per design for `designs` designs fit; else why not.
    std::string checkRequests(std::uint64_t requests, std::size_t designs) const;
    // True once this process grew by more than the limit since construction
    // (read from /proc/self/statm; cheap enough for every progress tick).
    bool exceeded() const;
    // "11.6 GiB"
    static std::string humanBytes(std::uint64_t bytes);

private:
    std::uint64_t limit_ = 0;
    std::uint64_t residentAtStart_ = 0;
};

} // namespace aioscope::cli
