#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) in ./build-fuzz and
# runs each briefly (ctest label "fuzz": ~20 s per reader and for the CTF
# folder search, a fixed-seed run for the CTF reader). Called by
# scripts/test.sh; usable alone.
set -euo pipefail
cd "$(dirname "$0")/.."
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DAIOSCOPE_FUZZ=ON -DAIOSCOPE_GUI=OFF >/dev/null
cmake --build build-fuzz -j "$(nproc)" --target fuzz_ftrace_text fuzz_trace_dat fuzz_ctf_directory ctf_fuzzer ctf_fuzz_seeds
cd build-fuzz
ctest --output-on-failure -L fuzz "$@"
