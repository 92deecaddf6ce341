#!/usr/bin/env bash
# trace.dat import against KernelShark's data layer, on the same file, in one
# command: `aioscope import FILE.dat` vs tests/bench/tracedat's kshark harness
# (kshark_load_entries from libkshark), wall time and peak RSS, medians of
# alternating runs, as ratios (targets <= 0.5 each).
# The file is recorded live (root): a private tracefs instance with io_uring,
# block, sched and the libaio syscalls enabled while fio runs io_uring and
# libaio workloads, then `trace-cmd extract -B INSTANCE`. It lives in a temp
# folder removed at exit (BENCH_KEEP=FILE keeps a copy); BENCH_TRACEDAT=FILE times
# an existing file instead.
# Usage: scripts/bench-tracedat.sh [BUILD_DIR]   (default ./build, configured with -DAIOSCOPE_BENCH=ON)
#   BENCH_RUNS=N (default 7) runs of each tool; BENCH_EVENTS=N (default 1800000) events to record.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
aioscope=$build/app/aioscope
harness=$build/tests/bench/tracedat/kshark_load_harness
[[ -x $aioscope ]] || { echo "bench-tracedat: $aioscope not built" >&2; exit 2; }
[[ -x $harness ]] || { echo "bench-tracedat: $harness not built (scripts/install-deps.sh --bench, then -DAIOSCOPE_BENCH=ON)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "bench-tracedat: /usr/bin/time missing (scripts/install-deps.sh --bench)" >&2; exit 2; }
runs=${BENCH_RUNS:-7}
((runs >= 5)) || { echo "bench-tracedat: BENCH_RUNS must be at least 5" >&2; exit 2; }
scratch=$(mktemp -d /var/tmp/aioscope-bench-tracedat.XXXXXX)
T=/sys/kernel/tracing
inst=aioscope-bench-tracedat-$$
I=$T/instances/$inst
cleanup() {
  if [[ -d $I ]]; then echo 0 > "$I/tracing_on"; rmdir "$I" 2> /dev/null || true; fi
  rm -rf "$scratch"
}
trap cleanup EXIT

file=${BENCH_TRACEDAT:-}
if [[ -z $file ]]; then
  [[ $(id -u) -eq 0 ]] || { echo "bench-tracedat: needs root (records a kernel trace)" >&2; exit 2; }
  [[ -e $T/trace ]] || mount -t tracefs nodev $T
  want=${BENCH_EVENTS:-1800000}
  echo "recording about $want io_uring/libaio/block/sched events into $scratch ..." >&2
  mkdir "$I"
  echo 0 > "$I/options/overwrite" # keep the start, drop (and count) what does not fit
  echo 160000 > "$I/buffer_size_kb" # per CPU
  for e in io_uring block sched/sched_switch sched/sched_wakeup sched/sched_waking sched/sched_process_fork \
    sched/sched_process_exit syscalls/sys_enter_io_submit syscalls/sys_exit_io_submit \
    syscalls/sys_enter_io_getevents syscalls/sys_exit_io_getevents syscalls/sys_enter_io_uring_enter \
    syscalls/sys_exit_io_uring_enter; do
    [[ -e $I/events/$e/enable ]] && echo 1 > "$I/events/$e/enable"
  done
  echo 1 > "$I/tracing_on"
  # About 14 events per 4 KiB direct read; an io_uring and a libaio job at
  # once, one per CPU, so both CPUs' buffers fill as on a busy machine.
  ios=$((want / 14 / 2))
  cpu=0
  for engine in io_uring libaio; do
    cpu=$(((cpu + 1) % $(nproc))) # outside the background command: its expansions run in a subshell
    fio --name="bench-$engine" --directory="$scratch" --size=64M --bs=4k --direct=1 --rw=randread \
      --ioengine=$engine --iodepth=8 --io_size=$((ios * 4))k --cpus_allowed=$cpu > /dev/null 2>&1 &
  done
  wait || echo "bench-tracedat: a fio job failed" >&2
  echo 0 > "$I/tracing_on"
  (cd "$scratch" && trace-cmd extract -B "$inst" -o "$scratch/bench.dat" > /dev/null 2>&1)
  rmdir "$I" 2> /dev/null || true
  rm -f "$scratch"/bench-*
  file=$scratch/bench.dat
  if [[ -n ${BENCH_KEEP:-} ]]; then
    [[ -e $BENCH_KEEP || -L $BENCH_KEEP ]] && { echo "bench-tracedat: $BENCH_KEEP exists; not overwritten" >&2; exit 2; }
    cp "$file" "$BENCH_KEEP"
  fi
fi

events=$("$aioscope" import "$file" --json | awk -F': ' '/"events_read"/{gsub(/,/,"",$2); print $2}')
entries=$("$harness" "$file")
echo "trace.dat: $file, $(du -h "$file" | cut -f1), aioscope reads $events events, libkshark loads $entries entries; load average $(cut -d' ' -f1-3 /proc/loadavg)"

# One run: wall microseconds (ns clock), peak RSS in KiB and CPU seconds (user + system), output discarded.
one() {
  local s e
  s=$(date +%s%N)
  /usr/bin/time -f '%M %U %S' -o "$scratch/rss" "$@" > /dev/null 2> "$scratch/stderr" || { cat "$scratch/stderr" >&2; return 1; }
  e=$(date +%s%N)
  echo "$(((e - s) / 1000)) $(awk '{ print $1, $2 + $3 }' "$scratch/rss")"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
: > "$scratch/a"
: > "$scratch/k"
for ((i = 0; i < runs; ++i)); do # alternating, so both see the same machine
  one "$aioscope" import "$file" >> "$scratch/a"
  one "$harness" "$file" >> "$scratch/k"
done
at=$(cut -d' ' -f1 "$scratch/a" | median)
kt=$(cut -d' ' -f1 "$scratch/k" | median)
am=$(cut -d' ' -f2 "$scratch/a" | median)
km=$(cut -d' ' -f2 "$scratch/k" | median)
ac=$(cut -d' ' -f3 "$scratch/a" | median)
kc=$(cut -d' ' -f3 "$scratch/k" | median)
awk -v at="$at" -v kt="$kt" -v am="$am" -v km="$km" -v ac="$ac" -v kc="$kc" -v n="$runs" 'BEGIN {
  printf "trace.dat  time: aioscope import %.3fs  kshark_load_entries %.3fs  ratio %.2f  (target <= 0.5; medians of %d alternating runs)\n", at / 1e6, kt / 1e6, at / kt, n
  printf "trace.dat  peak RSS: aioscope import %.0f MiB  kshark_load_entries %.0f MiB  ratio %.2f  (target <= 0.5)\n", am / 1024, km / 1024, am / km
  # On a loaded machine the wall ratio follows the CPU each needs; this says how much.
  printf "trace.dat  CPU (user+sys): aioscope import %.2fs  kshark_load_entries %.2fs  ratio %.2f\n", ac, kc, ac / kc
}'
