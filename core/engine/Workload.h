#pragma once
#include "model/Result.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace aioscope::engine {

// What to run: the access pattern and its parameters (docs/architecture.md, "Designs and workloads").
struct Workload {
    enum class Pattern { RandRead, RandWrite, SeqRead, SeqWrite, RandRw, SeqRw };

    Pattern pattern = Pattern::RandRead;
    std::uint32_t blockSize = 4096;
    unsigned queueDepth = 32;
    unsigned submitBatch = 1;                   // requests per submit call (fio's iodepth_batch_submit)
    unsigned threads = 1;                       // submitting threads
    std::uint64_t fileSize = 64ull << 20;       // bytes
    std::uint64_t requests = 4096;              // total over all threads; 0 = until duration
    std::uint64_t durationMs = 0;               // 0 = until `requests`
    bool direct = false;                        // O_DIRECT
    bool verify = false;                        // checksummed blocks, checked on read
    unsigned fsyncEvery = 0;                    // an fsync after every N writes (per thread)

    static Result<Pattern> patternFromName(std::string_view name);
    static const char* patternName(Pattern p);
    const char* name() const { return patternName(pattern); }

    bool reads() const;  // some requests read (the file must hold data first)
    bool writes() const;
    bool random() const;
    // Percentage of reads among data requests (100, 0 or 50).
    unsigned readPercent() const;
    // Checks the parameters make sense together; the message names the option.
    Result<void> validate() const;
    // "randrw bs=4096 qd=32 threads=1 size=64MiB requests=4096 direct=0 verify=1"
    std::string describe() const;
};

} // namespace aioscope::engine
