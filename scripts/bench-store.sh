#!/usr/bin/env bash
# Session store benchmark: builds store_bench with -DAIOSCOPE_BENCH=ON in
# ./build-bench and saves/loads a session of N requests (default 1,000,000).
# Prints save and load times, bytes per request, and load / rebuild ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAIOSCOPE_BENCH=ON >/dev/null
cmake --build build-bench --target store_bench -j "$(nproc)"
exec ./build-bench/tests/bench/store/store_bench "${1:-1000000}"
