#!/usr/bin/env bash
# Quick start, command 1: installs what aioscope needs, builds it, and starts
# it on its built-in default. With a display: the GUI on the bundled io_uring
# sample trace. Without one: the headless demo (engine run of every design,
# the leak matrix, and an HTML report in ./aioscope-demo/).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
  exec ./build/app/aioscope "$@"
fi
echo "start: no display; running the headless demo (report in ./aioscope-demo)" >&2
exec ./build/app/aioscope demo --out ./aioscope-demo "$@"
