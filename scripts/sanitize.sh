#!/usr/bin/env bash
# Builds core, the command line and their unit and golden tests with
# AddressSanitizer and UndefinedBehaviorSanitizer in ./build-asan (no GUI),
# and runs them: every unit area without the GUI (the sample traces through
# the trackers, and the command line on bad input, included) and the golden
# tests. Called by scripts/test.sh; usable alone. Extra arguments go to ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAIOSCOPE_SANITIZE=ON -DAIOSCOPE_GUI=OFF >/dev/null
cmake --build build-asan -j "$(nproc)"
# Leaks are not judged here: libbabeltrace2's plugins and Qt keep process-long
# allocations. Every other report fails the test that made it.
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=0:halt_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
cd build-asan
ctest --output-on-failure -j "$(nproc)" "$@"
