#include "engine/Workload.h"

#include <array>

namespace aioscope::engine {

namespace {
struct PatternName {
    Workload::Pattern pattern;
    const char* name;
};
constexpr std::array<PatternName, 6> kPatterns{{
    {Workload::Pattern::RandRead, "randread"},
    {Workload::Pattern::RandWrite, "randwrite"},
    {Workload::Pattern::SeqRead, "seqread"},
    {Workload::Pattern::SeqWrite, "seqwrite"},
    {Workload::Pattern::RandRw, "randrw"},
    {Workload::Pattern::SeqRw, "seqrw"},
}};
} // namespace

Result<Workload::Pattern> Workload::patternFromName(std::string_view name) {
    for (const auto& p : kPatterns)
        if (name == p.name)
            return p.pattern;
    return makeError("unknown workload '" + std::string(name) +
                     "' (known: randread, randwrite, seqread, seqwrite, randrw, seqrw)");
}

const char* Workload::patternName(Pattern p) {
    for (const auto& e : kPatterns)
        if (e.pattern == p)
            return e.name;
    return "?";
}

bool Workload::reads() const { return readPercent() > 0; }
bool Workload::writes() const { return readPercent() < 100; }
bool Workload::random() const {
    return pattern == Pattern::RandRead || pattern == Pattern::RandWrite || pattern == Pattern::RandRw;
}

unsigned Workload::readPercent() const {
    switch (pattern) {
    case Pattern::RandRead:
    case Pattern::SeqRead:
        return 100;
    case Pattern::RandWrite:
    case Pattern::SeqWrite:
        return 0;
    default:
        return 50;
    }
}

Result<void> Workload::validate() const {
    if (blockSize < 512 || (blockSize & (blockSize - 1)) != 0)
        return makeError("--bs must be a power of two of at least 512 bytes");
    if (blockSize < 64 && verify)
        return makeError("--verify needs --bs of at least 64 bytes");
    if (queueDepth == 0 || queueDepth > 4096)
        return makeError("--qd must be between 1 and 4096");
    if (submitBatch == 0 || submitBatch > queueDepth)
        return makeError("--batch must be between 1 and --qd (" + std::to_string(queueDepth) + ")");
    if (threads == 0 || threads > 256)
        return makeError("--threads must be between 1 and 256");
    if (fileSize < std::uint64_t(blockSize) * threads)
        return makeError("--size must hold at least one block per thread");
    if (requests == 0 && durationMs == 0)
        return makeError("give --requests or --duration");
    return {};
}

std::string Workload::describe() const {
    std::string s = name();
    s += " bs=" + std::to_string(blockSize) + " qd=" + std::to_string(queueDepth) +
         (submitBatch != 1 ? " batch=" + std::to_string(submitBatch) : std::string()) + " threads=" + std::to_string(threads) + " size=" + std::to_string(fileSize >> 20) + "MiB";
    if (durationMs)
        s += " duration=" + std::to_string(durationMs) + "ms";
    else
        s += " requests=" + std::to_string(requests);
    s += std::string(" direct=") + (direct ? "1" : "0") + " verify=" + (verify ? "1" : "0");
    if (fsyncEvery)
        s += " fsync-every=" + std::to_string(fsyncEvery);
    return s;
}

} // namespace aioscope::engine
