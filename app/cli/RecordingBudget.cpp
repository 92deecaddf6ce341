#include "cli/RecordingBudget.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <unistd.h>

namespace aioscope::cli {

namespace {

std::uint64_t memAvailableBytes() {
    std::uint64_t kib = 0;
    if (FILE* f = std::fopen("/proc/meminfo", "r")) {
        char line[256];
        while (std::fgets(line, sizeof line, f))
            if (std::sscanf(line, "MemAvailable: %lu kB", &kib) == 1)
                break;
        std::fclose(f);
    }
    return kib * 1024;
}

std::uint64_t residentBytes() {
    unsigned long size = 0, resident = 0;
    if (FILE* f = std::fopen("/proc/self/statm", "r")) {
        if (std::fscanf(f, "%lu %lu", &size, &resident) != 2)
            resident = 0;
        std::fclose(f);
    }
    return static_cast<std::uint64_t>(resident) * static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
}

} // namespace

RecordingBudget::RecordingBudget(std::uint64_t limitBytes)
    : limit_(limitBytes ? limitBytes : memAvailableBytes() / 2), residentAtStart_(residentBytes()) {}

std::string RecordingBudget::humanBytes(std::uint64_t bytes) {
    char buf[64];
    const double v = static_cast<double>(bytes);
    if (bytes >= (1ull << 40))
        std::snprintf(buf, sizeof buf, "%.1f TiB", v / static_cast<double>(1ull << 40));
    else if (bytes >= (1ull << 30))
        std::snprintf(buf, sizeof buf, "%.1f GiB", v / static_cast<double>(1ull << 30));
    else
        std::snprintf(buf, sizeof buf, "%.0f MiB", v / static_cast<double>(1ull << 20));
    return buf;
}

std::string RecordingBudget::checkRequests(std::uint64_t requests, std::size_t designs) const {
    if (limit_ == 0)
        return {}; // no /proc/meminfo: nothing to judge by
    const long double need = static_cast<long double>(requests) * designs * kBytesPerRequest;
    if (need <= static_cast<long double>(limit_))
        return {};
    const std::uint64_t fit = limit_ / kBytesPerRequest / (designs ? designs : 1);
    return "recording " + std::to_string(requests) + " requests for each of " + std::to_string(designs) +
           " design(s) needs about " + humanBytes(static_cast<std::uint64_t>(std::min<long double>(need, 1e19L))) +
           " of memory; the limit is " + humanBytes(limit_) + "; record at most " + std::to_string(fit) +
           " requests per design, or add --no-record";
}

bool RecordingBudget::exceeded() const {
    if (limit_ == 0)
        return false;
    const std::uint64_t now = residentBytes();
    return now > residentAtStart_ && now - residentAtStart_ > limit_;
}

} // namespace aioscope::cli
