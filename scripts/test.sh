#!/usr/bin/env bash
# Quick start, command 2: installs what the tests need, builds, and runs the
# whole suite under ctest. Integration tests start their own lttng-sessiond;
# tests that trace the kernel mount tracefs here when it is not mounted. The
# trace readers' libFuzzer targets run ~20 s each (scripts/fuzz.sh); core and
# its tests run once more under ASan + UBSan (scripts/sanitize.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
if [[ $(id -u) -eq 0 && ! -e /sys/kernel/tracing/trace ]]; then
  mount -t tracefs nodev /sys/kernel/tracing 2>/dev/null || echo "test: could not mount tracefs; kernel-trace tests will say why they skip" >&2
fi
export QT_QPA_PLATFORM=offscreen
# The readers' fuzzers (clang, ASan/UBSan) run briefly first, in their own build folder.
bash scripts/fuzz.sh
# Core and its tests under ASan + UBSan (./build-asan, no GUI).
bash scripts/sanitize.sh
cd build
ctest --output-on-failure -j "$(nproc)" "$@"
