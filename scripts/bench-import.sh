#!/usr/bin/env bash
# Import speed and memory against the reference tools, on the same files, in
# one command (root: it records a big trace live into a scratch folder):
#   trace.dat (io_uring/libaio/block/sched, its own recording): aioscope import vs libkshark's
#     kshark_load_entries, time and peak RSS (scripts/bench-tracedat.sh; targets <= 0.5)
#   the recorded syscall buffer as text, and an io_uring-heavy text trace of >= 100 MB:
#                                aioscope import   vs  wc -l FILE                            (target <= 6x)
#   CTF (every public trace, BENCH_CTF=DIR too):
#                                aioscope import   vs  babeltrace2 DIR -o dummy              (target <= 1.0)
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

# Text: aioscope import against wc -l, alternating, medians of BENCH_RUNS
# (default 7), on the short-line trace recorded above (syscalls) and on an
# io_uring-heavy trace of ~150-byte lines (a real sample, repeated with
# shifted times to >= 100 MB by tests/bench/text/make-iouring-text.sh).
median_pair() { # median_pair A-COMMAND... -- B-COMMAND...: "median-a median-b" in seconds
  local a=() b=() ta=() tb=() s e
  while [[ $1 != -- ]]; do a+=("$1"); shift; done
  shift
  b=("$@")
  for _ in $(seq "${BENCH_RUNS:-7}"); do
    s=$(date +%s%N); "${a[@]}" > /dev/null 2> "$scratch/stderr" || { cat "$scratch/stderr" >&2; return 1; }
    e=$(date +%s%N); ta+=($(( e - s )))
    s=$(date +%s%N); "${b[@]}" > /dev/null 2> "$scratch/stderr" || { cat "$scratch/stderr" >&2; return 1; }
    e=$(date +%s%N); tb+=($(( e - s )))
  done
  local ma mb
  ma=$(printf '%s\n' "${ta[@]}" | sort -n | awk '{v[NR]=$1} END{print v[int((NR+1)/2)]}')
  mb=$(printf '%s\n' "${tb[@]}" | sort -n | awk '{v[NR]=$1} END{print v[int((NR+1)/2)]}')
  awk "BEGIN{ printf \"%.3f %.3f\", $ma / 1e9, $mb / 1e9 }"
}
"$root/tests/bench/text/make-iouring-text.sh" "$scratch/iouring.txt" "${BENCH_TEXT_MB:-120}"
for f in big.txt iouring.txt; do
  pair=$(median_pair "$aioscope" import "$scratch/$f" -- wc -l "$scratch/$f")
  read -r a r <<< "$pair"
  lines=$(wc -l < "$scratch/$f")
  echo "text       $f ($(du -m "$scratch/$f" | cut -f1) MB, $(( $(stat -c %s "$scratch/$f") / lines )) bytes/line): aioscope import ${a}s  wc -l ${r}s  ratio $(ratio "$a" "$r")  (target <= 6)"
done

# CTF: aioscope import against babeltrace2's own decoding with no output
# (`-o dummy`), alternating, medians: every public LTTng trace, and a big
# user-space one when BENCH_CTF names it (e.g. 2M events of the engine's
# lttng-ust provider recorded with traces/lttng/record.sh).
pub=${AIOSCOPE_PUBLIC_TRACES:-$root/../shared/public-traces}/lttng-ctf
if command -v babeltrace2 > /dev/null && [[ -d $pub || -n ${BENCH_CTF:-} ]]; then
  for ctf in "$pub"/*/ ${BENCH_CTF:+"$BENCH_CTF"}; do
    [[ -d $ctf ]] || continue
    pair=$(median_pair "$aioscope" import "$ctf" -- babeltrace2 "$ctf" -o dummy)
    read -r a r <<< "$pair"
    events=$("$aioscope" import "$ctf" --json 2> /dev/null | awk -F': ' '/"events_read"/{gsub(/,/,"",$2); print $2}')
    echo "ctf        $(basename "$ctf") ($events events): aioscope import ${a}s  babeltrace2 -o dummy ${r}s  ratio $(ratio "$a" "$r")  (target <= 1.0)"
  done
else
  echo "ctf        skipped: $pub or babeltrace2 missing"
fi

# Resident memory after the import, less what the process held before it.
for f in big.dat big.txt; do
  "$aioscope" import "$scratch/$f" --stats > /dev/null 2> "$scratch/stats"
  line=$(grep import-stats "$scratch/stats")
  echo "memory     $f: ${line#import-stats: }  (target <= 48 bytes/event)"
done
