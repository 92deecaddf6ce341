#!/usr/bin/env bash
# The import at scale (issue 15): an io_uring-heavy ftrace text trace of about
# MILLIONS million events (default 100; a recorded sample repeated with
# shifted times by make-iouring-text.sh, about 140 bytes a line), then
#   1. `aioscope import TRACE --session S`: wall time against `wc -l TRACE` in
#      the same command, peak anonymous memory (RssAnon, sampled every 50 ms;
#      target <= 2 GB), peak file-backed pages and the bytes read through
#      read(2) (the reader maps the file: it is read once, by page faults);
#   2. the session's size on disk per request (target <= 100 bytes);
#   3. `gui_bench --open S`: the GUI opening it to the first frame (target
#      <= 5 s) and the timeline's paint times on it (target <= 16 ms).
# Root (it records the sample); needs app/aioscope and, for 3, gui_bench
# (configure with -DAIOSCOPE_BENCH=ON). Everything lives in a scratch folder
# under SCALE_DIR (default /var/tmp), removed at exit; the trace needs about
# 0.14 GB of disk per million events.
# Usage: tests/bench/text/scale-import.sh [MILLIONS] [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
millions=${1:-100}
build=${2:-$root/build}
aioscope=$build/app/aioscope
gui_bench=$build/tests/bench/gui/gui_bench
[[ $millions =~ ^[0-9]+$ && $millions -gt 0 ]] || { echo "scale-import: MILLIONS must be a positive integer, not '$millions'" >&2; exit 2; }
[[ -x $aioscope ]] || { echo "scale-import: $aioscope is not built (scripts/build.sh)" >&2; exit 2; }
[[ $(id -u) -eq 0 ]] || { echo "scale-import: needs root (make-iouring-text.sh records a kernel trace)" >&2; exit 2; }
scratch=$(mktemp -d "${SCALE_DIR:-/var/tmp}/aioscope-scale.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
trap 'exit 130' INT TERM
need_kb=$(( millions * 160 * 1000 ))
free_kb=$(df -Pk "$scratch" | awk 'NR==2{print $4}')
(( free_kb > need_kb )) || { echo "scale-import: $scratch has $((free_kb / 1048576)) GiB free, needs about $((need_kb / 1048576)) GiB" >&2; exit 2; }

trace=$scratch/scale.txt
"$root/tests/bench/text/make-iouring-text.sh" "$trace" $(( millions * 140 ))

# peak COMMAND...: runs it (output to $scratch/out, $scratch/err), sets
# wall_ms, anon_kb, file_kb (peaks), rchar (bytes, last seen) and rc.
peak() {
  local s e pid a f r
  s=$(date +%s%N)
  "$@" > "$scratch/out" 2> "$scratch/err" &
  pid=$!
  anon_kb=0 file_kb=0 rchar=0
  while kill -0 "$pid" 2> /dev/null; do
    read -r a f < <(awk '/^RssAnon/{a=$2} /^RssFile/{f=$2} END{print a+0, f+0}' "/proc/$pid/status" 2> /dev/null || echo "0 0")
    (( a > anon_kb )) && anon_kb=$a
    (( f > file_kb )) && file_kb=$f
    r=$(awk '/^rchar/{print $2}' "/proc/$pid/io" 2> /dev/null || true)
    [[ -n $r ]] && rchar=$r
    sleep 0.05
  done
  rc=0
  wait "$pid" || rc=$?
  e=$(date +%s%N)
  wall_ms=$(( (e - s) / 1000000 ))
}

lines=$(wc -l < "$trace")
bytes=$(stat -c %s "$trace")
s=$(date +%s%N); wc -l "$trace" > /dev/null; e=$(date +%s%N)
wc_ms=$(( (e - s) / 1000000 ))
peak "$aioscope" import "$trace" --session "$scratch/scale.aioscope" --stats
(( rc == 0 )) || { echo "scale-import: aioscope import failed (exit $rc):" >&2; tail -3 "$scratch/err" >&2; exit 1; }
import_ms=$wall_ms
stats=$(grep import-stats "$scratch/err" || true)
s=$(date +%s%N); wc -l "$trace" > /dev/null; e=$(date +%s%N)
wc_ms=$(( (wc_ms + (e - s) / 1000000) / 2 ))
requests=$(sqlite3 "$scratch/scale.aioscope" "select coalesce(max(count), 0) from run_columns where name = 'requests.submitNs'")
session_bytes=$(stat -c %s "$scratch/scale.aioscope")

echo "trace      $trace: $lines lines, $((bytes / 1000000)) MB ($((bytes / lines)) bytes/line)"
echo "import     ${import_ms} ms (import and save), wc -l ${wc_ms} ms (mean of one before and one after): ratio $(awk "BEGIN{printf \"%.1f\", $import_ms / ($wc_ms > 0 ? $wc_ms : 1)}")x"
echo "           ${stats#import-stats: }"
echo "memory     peak anonymous $((anon_kb / 1024)) MiB (target <= 2048), $(awk "BEGIN{printf \"%.1f\", $anon_kb * 1024 / $lines}") bytes/event; peak file-backed $((file_kb / 1024)) MiB of a $((bytes / 1048576)) MiB file"
echo "reads      $((rchar / 1048576)) MiB through read(2) (the trace is mapped: read once, by page faults)"
echo "session    $((session_bytes / 1000000)) MB for $requests requests: $(( requests > 0 ? session_bytes / requests : 0 )) bytes/request (target <= 100)"
if [[ -x $gui_bench ]]; then
  peak "$gui_bench" --open "$scratch/scale.aioscope"
  cat "$scratch/out"
  (( rc <= 1 )) || { echo "scale-import: gui_bench failed (exit $rc):" >&2; tail -3 "$scratch/err" >&2; exit 1; }
  echo "gui        peak anonymous $((anon_kb / 1024)) MiB while open"
else
  echo "gui        skipped: $gui_bench not built (configure with -DAIOSCOPE_BENCH=ON)"
fi
