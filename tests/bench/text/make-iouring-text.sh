#!/usr/bin/env bash
# Writes an io_uring-heavy ftrace text trace of at least SIZE_MB (default 120)
# megabytes, lines of about 150 bytes, for the text-import benchmark
# (scripts/bench-import.sh). Root: it records a real sample first, into a
# private tracefs instance (io_uring, sched_switch/sched_wakeup and block
# request events) while fio runs --ioengine=io_uring on a scratch file, then
# repeats the sample with shifted timestamps until the file is big enough.
# Each copy starts after the previous one ends, so the times stay monotone
# per CPU (and across CPUs, as tracefs merged them); tids, comms and request
# pointers are the recorded ones.
# Usage: tests/bench/text/make-iouring-text.sh OUT.txt [SIZE_MB] [FIO_SECONDS]
set -euo pipefail
out=${1:?usage: make-iouring-text.sh OUT.txt [SIZE_MB] [FIO_SECONDS]}
size_mb=${2:-120}
seconds=${3:-1}
[[ $(id -u) -eq 0 ]] || { echo "make-iouring-text: needs root (records a kernel trace)" >&2; exit 2; }
command -v fio > /dev/null || { echo "make-iouring-text: fio is not installed" >&2; exit 2; }
[[ -e $out && ! -f $out ]] && { echo "make-iouring-text: $out exists and is not a regular file" >&2; exit 2; }
T=/sys/kernel/tracing
[[ -e $T/trace ]] || mount -t tracefs nodev $T
[[ -d $T/events/io_uring ]] || { echo "make-iouring-text: this kernel has no io_uring trace events" >&2; exit 2; }
scratch=$(mktemp -d /var/tmp/aioscope-iouring-text.XXXXXX)
inst=aioscope-iouring-text-$$-$RANDOM
I=$T/instances/$inst
cleanup() {
  if [[ -d $I ]]; then
    echo 0 > "$I/tracing_on" 2> /dev/null || true
    rmdir "$I" 2> /dev/null || true
  fi
  rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir "$I"
echo 0 > "$I/options/overwrite" # keep the start of the run; what does not fit is counted as lost
echo 40960 > "$I/buffer_size_kb" # per CPU
echo 1 > "$I/events/io_uring/enable"
for e in sched/sched_switch sched/sched_wakeup block/block_rq_insert block/block_rq_issue block/block_rq_complete; do
  [[ -e $I/events/$e/enable ]] && echo 1 > "$I/events/$e/enable"
done
echo 1 > "$I/tracing_on"
# Buffered and O_DIRECT io_uring jobs: submissions, completions, queued async work and block requests.
fio --directory="$scratch" --size=32M --bs=4k --ioengine=io_uring --time_based --runtime="$seconds" \
  --name=direct --direct=1 --rw=randrw --iodepth=16 \
  --name=buffered --direct=0 --rw=randread --iodepth=8 > /dev/null 2>&1 ||
  { echo "make-iouring-text: fio --ioengine=io_uring failed" >&2; exit 1; }
echo 0 > "$I/tracing_on"
cat "$I/trace" > "$scratch/sample.txt"
echo 0 > "$I/events/enable"
rmdir "$I"

lines=$(grep -vc '^#' "$scratch/sample.txt" || true)
[[ $lines -gt 1000 ]] || { echo "make-iouring-text: the sample holds only $lines events" >&2; exit 1; }
bytes=$(( size_mb * 1000 * 1000 ))
copies=$(( bytes / $(stat -c %s "$scratch/sample.txt") + 1 ))
# Timestamps are "SECONDS.MICROS:" after the CPU column; each copy is shifted
# by the sample's span plus 1 ms, in whole microseconds (no float rounding).
awk -v copies="$copies" '
  function split_ts(line,   m) {
    # The first " DIGITS.DIGITS: " after the "] " of the CPU column.
    m = match(line, /\][^:]* [0-9]+\.[0-9]+: /)
    if (!m) return 0
    len = RLENGTH
    rest = substr(line, m, len)
    n = match(rest, / [0-9]+\.[0-9]+: $/)
    pre[N] = substr(line, 1, m + n - 1)
    post[N] = substr(line, m + len - 2)
    ts = substr(rest, n + 1, RLENGTH - 3)
    dot = index(ts, ".")
    sec[N] = substr(ts, 1, dot - 1) + 0
    us[N] = substr(ts, dot + 1) + 0
    return 1
  }
  /^#/ { print; next }
  {
    ++N
    if (split_ts($0)) {
      t = sec[N] * 1000000 + us[N]
      if (first == "") first = t
      last = t
    } else {
      pre[N] = $0; post[N] = ""; sec[N] = -1
    }
  }
  END {
    span = last - first + 1000
    for (c = 0; c < copies; ++c) {
      shift = c * span
      ss = int(shift / 1000000); su = shift - ss * 1000000
      for (i = 1; i <= N; ++i) {
        if (sec[i] < 0) { print pre[i]; continue }
        s = sec[i] + ss; u = us[i] + su
        if (u >= 1000000) { u -= 1000000; ++s }
        printf "%s%d.%06d%s\n", pre[i], s, u, post[i]
      }
    }
  }' "$scratch/sample.txt" > "$scratch/out.txt"
mv "$scratch/out.txt" "$out"
echo "make-iouring-text: $out: $(stat -c %s "$out") bytes, $(wc -l < "$out") lines ($copies copies of a $lines-event sample)" >&2
