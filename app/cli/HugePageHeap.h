#pragma once

namespace aioscope::cli {

// Gives malloc's heap transparent huge pages when a start names big input:
// the process runs itself again once with glibc's glibc.malloc.hugetlb=1
// tunable (glibc 2.35 and later; read only at startup, hence the exec), and
// the second start puts the environment back as the user had it, so
// commands aioscope runs (record, the engine's tools) see it unchanged.
// Big input: the existing files and folders its arguments name hold at
// least kBigInputBytes. Starting again costs about 15 ms here (aioscope's
// libraries are loaded twice), which a small trace would not win back.
// Why: an import's or an open's heap is a hundred megabytes written once,
// and on a VM whose host backs guest memory on demand a fresh 4 KiB page
// costs a fault and a host exit each (tests/bench/memory/first_touch_bench);
// with 2 MiB pages an LTTng import of 240k events took 0.71-0.81x the time on
// this project's VM.
// Left alone when AIOSCOPE_HUGE_HEAP=0, when GLIBC_TUNABLES already says
// what malloc does with huge pages, when THP is "always" (the heap has them)
// or "never" (it cannot), for setuid/setcap starts, on an older glibc, or
// when the program cannot be run (then this start goes on as it is).
// Under valgrind, set AIOSCOPE_HUGE_HEAP=0 (or --trace-children=yes): the
// second start is an exec it does not follow by default.
class HugePageHeap {
public:
    static constexpr unsigned long long kBigInputBytes = 8ull << 20;
    // Runs `program` (this one by default) with the tunable when the input is
    // big, and returns when it is not or the exec failed.
    static void ensure(int argc, char** argv, const char* program = "/proc/self/exe");
};

} // namespace aioscope::cli
