#!/usr/bin/env bash
# Configures and builds aioscope into ./build (Ninja, RelWithDebInfo).
# Extra arguments go to cmake's configure step, e.g. -DAIOSCOPE_BENCH=ON.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
# Let a fresh clone in another folder (CI) reuse the compiler cache.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build build -j "$jobs"
