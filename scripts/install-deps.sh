#!/usr/bin/env bash
# Installs the Debian 12 packages aioscope needs to build, test and run.
# Uses sudo when not root; does nothing for packages already installed.
# --bench also installs what only the benchmarks use (scripts/bench-*.sh).
set -euo pipefail
pkgs=(
  build-essential cmake ninja-build pkg-config git
  qt6-base-dev qt6-base-dev-tools qt6-svg-dev libxkbcommon-dev libgl1-mesa-dev libqcustomplot-dev
  libsqlite3-dev sqlite3 nlohmann-json3-dev
  liblttng-ust-dev lttng-tools babeltrace2 libbabeltrace2-dev
  libtracecmd-dev libtraceevent-dev libtracefs-dev trace-cmd
  liburing-dev libaio-dev fio nlohmann-json3-dev
  libgtest-dev libgmock-dev googletest libbenchmark-dev
  clang libclang-rt-14-dev ccache
  xvfb xauth imagemagick fonts-dejavu-core xdotool
)
# KernelShark's data layer, the trace.dat import reference (tests/bench/tracedat), and /usr/bin/time.
bench_pkgs=(libkshark-dev libjson-c-dev time)
if [[ ${1:-} == --bench ]]; then pkgs+=("${bench_pkgs[@]}"); fi
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
