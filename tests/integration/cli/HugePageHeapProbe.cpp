// Starts as aioscope does (HugePageHeap::ensure first, on its own arguments), then reports on
// stdout what the test checks: the environment it ended up with and whether
// malloc's memory is advised for huge pages.
#include "cli/HugePageHeap.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

namespace {

// Whether the mapping holding `p` carries the "hg" (MADV_HUGEPAGE) flag in /proc/self/smaps.
bool advisedHuge(const void* p) {
    const auto at = reinterpret_cast<std::uintptr_t>(p);
    std::ifstream smaps("/proc/self/smaps");
    std::string line;
    bool inside = false;
    while (std::getline(smaps, line)) {
        unsigned long begin = 0, end = 0;
        if (std::sscanf(line.c_str(), "%lx-%lx", &begin, &end) == 2) // a mapping's first line; field lines fail here
            inside = at >= begin && at < end;
        if (inside && line.rfind("VmFlags:", 0) == 0)
            return line.find(" hg") != std::string::npos;
    }
    return false;
}

} // namespace

int main(int argc, char** argv) {
    aioscope::cli::HugePageHeap::ensure(argc, argv);
    // Above malloc's mmap threshold: a mapping of its own, advised when the tunable is on.
    void* block = std::malloc(16 << 20);
    std::memset(block, 1, 4096);
    const char* tunables = std::getenv("GLIBC_TUNABLES");
    std::printf("tunables=%s\n", tunables ? tunables : "(unset)");
    std::printf("marker=%s\n", std::getenv("AIOSCOPE_HUGE_HEAP_ORIGINAL_TUNABLES") ? "set" : "(unset)");
    std::printf("huge=%d\n", advisedHuge(block) ? 1 : 0);
    std::free(block);
    return 0;
}
