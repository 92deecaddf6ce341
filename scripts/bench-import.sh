#!/usr/bin/env bash
# Import speed and memory against the reference tools, on the same files, in
# one command (root: it records a big trace live into a scratch folder):
#   trace.dat (io_uring/libaio/block/sched, its own recording): aioscope import vs libkshark's
#     kshark_load_entries, time and peak RSS (scripts/bench-tracedat.sh; targets <= 0.5)
#   the same buffer as text:     aioscope import   vs  wc -l FILE                            (target <= 8x)
#   CTF (largest public trace):  aioscope import   vs  babeltrace2 DIR > /dev/null           (target <= 1.0)
#   resident memory per event after import (target <= 48 bytes)
# Usage: scripts/bench-import.sh [BUILD_DIR]   (default ./build; needs app/aioscope built)
# Nothing is committed: the big trace lives in a temp folder removed at exit.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
aioscope=$build/app/aioscope
[[ -x $aioscope ]] || { echo "bench-import: $aioscope not built" >&2; exit 2; }
[[ $(id -u) -eq 0 ]] || { echo "bench-import: needs root (records a kernel trace)" >&2; exit 2; }
T=/sys/kernel/tracing
[[ -e $T/trace ]] || mount -t tracefs nodev $T
scratch=$(mktemp -d /var/tmp/aioscope-bench-import.XXXXXX)
inst=aioscope-bench-$$
I=$T/instances/$inst
cleanup() { [[ -d $I ]] && { echo 0 > $I/tracing_on; rmdir $I 2>/dev/null || true; }; rm -rf "$scratch"; }
trap cleanup EXIT

want=${BENCH_EVENTS:-2200000}
echo "recording >= $want events (sched_switch, sched_wakeup, all syscalls) into $scratch ..." >&2
mkdir $I
echo 0 > $I/options/overwrite          # keep the start, drop (and count) what does not fit
echo 200000 > $I/buffer_size_kb        # per CPU
echo 1 > $I/events/sched/sched_switch/enable
echo 1 > $I/events/sched/sched_wakeup/enable
echo 1 > $I/events/syscalls/enable
echo 1 > $I/tracing_on
# The workload: one-byte reads and writes (4 syscall events per byte), plus psync writes to a file.
n=$(( want / 4 + 50000 ))
dd if=/dev/zero of=/dev/null bs=1 count=$n status=none
fio --name=bench --directory="$scratch" --size=8M --bs=4k --ioengine=psync --rw=write > /dev/null 2>&1 || true
echo 0 > $I/tracing_on
cat $I/trace > "$scratch/big.txt"
(cd "$scratch" && trace-cmd extract -B $inst -o "$scratch/big.dat" > /dev/null 2>&1)
rmdir $I 2>/dev/null || true

# seconds and peak RSS (KiB) of a command, output discarded
best() { # best of 5 wall times, in seconds (ns clock: wc -l takes ~40 ms, too short for /usr/bin/time's 10 ms)
  local b=""
  for _ in 1 2 3 4 5; do
    local s e t
    s=$(date +%s%N)
    "$@" > /dev/null 2> "$scratch/stderr" || { cat "$scratch/stderr" >&2; return 1; }
    e=$(date +%s%N)
    t=$(( e - s ))
    if [[ -z $b ]] || (( t < b )); then b=$t; fi
  done
  awk "BEGIN{ printf \"%.3f\", $b / 1e9 }"
}
ratio() { awk "BEGIN{ if ($2 > 0) printf \"%.2f\", $1 / $2; else print \"inf\" }"; }

events=$("$aioscope" import "$scratch/big.dat" --json | awk -F': ' '/"events_read"/{gsub(/,/,"",$2); print $2}')
echo "trace.dat: $events events, $(du -h "$scratch/big.dat" | cut -f1); text: $(du -h "$scratch/big.txt" | cut -f1)"

bash "$root/scripts/bench-tracedat.sh" "$build" ||
  echo "trace.dat  skipped: scripts/bench-tracedat.sh failed (kshark harness: install-deps.sh --bench, -DAIOSCOPE_BENCH=ON)"

a=$(best "$aioscope" import "$scratch/big.txt")
r=$(best wc -l "$scratch/big.txt")
echo "text       aioscope import ${a}s  wc -l ${r}s  ratio $(ratio "$a" "$r")  (target <= 8)"

ctf=${AIOSCOPE_PUBLIC_TRACES:-$root/../shared/public-traces}/lttng-ctf/tc-many-threads
if [[ -d $ctf ]] && command -v babeltrace2 > /dev/null; then
  a=$(best "$aioscope" import "$ctf")
  r=$(best babeltrace2 "$ctf")
  echo "ctf        aioscope import ${a}s  babeltrace2 ${r}s  ratio $(ratio "$a" "$r")  (target <= 1.0; $(basename "$ctf"), 240644 events)"
else
  echo "ctf        skipped: $ctf or babeltrace2 missing"
fi

# Resident memory after the import, less what the process held before it.
for f in big.dat big.txt; do
  "$aioscope" import "$scratch/$f" --stats > /dev/null 2> "$scratch/stats"
  line=$(grep import-stats "$scratch/stats")
  echo "memory     $f: ${line#import-stats: }  (target <= 48 bytes/event)"
done
