#!/usr/bin/env bash
# GUI benchmark (issue 6 targets): median timeline paint time at 1600 px for
# 10M events / 1M requests (<= 16 ms, zoomed out and at three zoom levels),
# and the longest GUI-thread stall while importing a 2M-event trace (<= 50 ms).
# Usage: scripts/bench-gui.sh [REQUESTS] [EVENTS] [IMPORT_EVENTS]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${AIOSCOPE_BENCH_BUILD:-build-bench}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DAIOSCOPE_BENCH=ON >/dev/null
cmake --build "$build" --target gui_bench -j "$(nproc)"
QT_QPA_PLATFORM=offscreen "$build/tests/bench/gui/gui_bench" "${1:-1000000}" "${2:-10000000}" "${3:-2000000}"
