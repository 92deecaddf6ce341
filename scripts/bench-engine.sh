#!/usr/bin/env bash
# Engine benchmark: builds engine_bench with -DAIOSCOPE_BENCH=ON in
# ./build-bench, then runs fio and the engine on the same 1 GiB file with the
# same parameters (4k random read, qd 32, O_DIRECT): io_uring vs fio io_uring,
# libaio vs fio libaio, sync vs fio psync, posix-aio vs fio posixaio, and the
# engine's recording on vs off. Prints the ratios; exit 3 if a target is missed.
# Extra arguments go to engine_bench: --dir DIR --size BYTES --requests N --reps R --buffered
set -euo pipefail
cd "$(dirname "$0")/.."
command -v fio >/dev/null || { echo "bench-engine: fio is not installed (scripts/install-deps.sh)" >&2; exit 1; }
cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAIOSCOPE_BENCH=ON >/dev/null
cmake --build build-bench --target engine_bench -j "$(nproc)"
exec ./build-bench/tests/bench/engine/engine_bench "$@"
