#!/usr/bin/env bash
# Charts and report benchmark for one million requests (issue 7 targets:
# charts rebuild <= 100 ms median, HTML report <= 5 s).
# Usage: scripts/bench-charts.sh [REQUESTS] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${AIOSCOPE_BENCH_BUILD:-build-bench-charts}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DAIOSCOPE_BENCH=ON >/dev/null
cmake --build "$build" --target charts_bench -j "$(nproc)"
QT_QPA_PLATFORM=offscreen "$build/tests/bench/charts/charts_bench" "${1:-1000000}" "${2:-7}"
