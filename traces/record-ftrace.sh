#!/usr/bin/env bash
# Records the ftrace sample traces of traces/ again (needs root and tracefs).
# Each sample: enable events by hand in a private tracefs instance (so other
# users of the global buffer are not disturbed), run one fio job, then save the
# plain `trace` text (NAME.txt) and `trace-cmd extract` (NAME.dat, version 7,
# zstd). `trace-cmd record` cannot be used here: it fails writing ftrace_enabled.
#
# Usage: traces/record-ftrace.sh [OUTDIR] [SAMPLE...]
#   OUTDIR defaults to the folder of this script; SAMPLE names are those below.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "${1:-$here}" && pwd)
shift || true
T=/sys/kernel/tracing
[[ -e $T/trace ]] || mount -t tracefs nodev $T
inst=aioscope-rec-$$
I=$T/instances/$inst
work=$(mktemp -d /var/tmp/aioscope-rec.XXXXXX)
cleanup() {
  [[ -d $I ]] && { echo 0 > $I/tracing_on; rmdir $I 2>/dev/null || true; }
  rm -rf "$work"
}
trap cleanup EXIT

# Threads that matter: fio and its io threads, kworkers (aio fsync).
ours='comm ~ "fio*" || comm ~ "iou-*" || comm ~ "aio-*"'
sched_ours='prev_comm ~ "fio*" || next_comm ~ "fio*" || prev_comm ~ "iou-*" || next_comm ~ "iou-*" || prev_comm ~ "aio-*" || next_comm ~ "aio-*"'

setup_instance() {
  mkdir $I
  echo 2048 > $I/buffer_size_kb
  echo 1 > $I/options/record-tgid 2>/dev/null || true
  ev() { [[ -n ${2:-} ]] && echo "$2" > $I/events/$1/filter; echo 1 > $I/events/$1/enable; }
  ev sched/sched_switch "$sched_ours"
  ev sched/sched_wakeup "$ours"
  ev sched/sched_process_fork 'parent_comm ~ "fio*" || parent_comm ~ "aio-*"'
  ev sched/sched_process_exit "$ours"
  ev task/task_newtask "$ours"
  ev task/task_rename "$ours"
  for e in io_uring_create io_uring_submit_req io_uring_queue_async_work io_uring_complete; do
    ev io_uring/$e
  done
  for s in io_uring_enter io_submit io_getevents io_pgetevents pread64 pwrite64 preadv pwritev \
           preadv2 pwritev2 fsync fdatasync setpriority ioprio_set sched_setaffinity; do
    ev syscalls/sys_enter_$s "$ours"
    ev syscalls/sys_exit_$s "$ours"
  done
  ev block/block_rq_insert; ev block/block_rq_issue; ev block/block_rq_complete
  ev workqueue/workqueue_queue_work "$ours"
  ev workqueue/workqueue_execute_start 'comm ~ "kworker*"'
  ev workqueue/workqueue_execute_end 'comm ~ "kworker*"'
  ev signal/signal_generate 'sig == 25'
  ev capability/cap_capable "$ours"
}

# record NAME FIO-ARGS...: one sample.
record() {
  local name=$1; shift
  echo "recording $name: $*" >&2
  setup_instance
  echo 1 > $I/tracing_on
  (cd "$work" && "$@" > "$work/$name.fio.log" 2>&1) || echo "  (fio exited $?, see the trace)" >&2
  echo 0 > $I/tracing_on
  cat $I/trace > "$out/$name.txt"
  (cd "$work" && trace-cmd extract -B $inst -o "$out/$name.dat" > /dev/null 2>&1)
  rmdir $I 2>/dev/null || true  # trace-cmd extract may have removed it
  rm -f "$work"/*.0.0 "$work"/data*
  ls -la "$out/$name.txt" "$out/$name.dat" >&2
}

fiojob="--name=job --directory=$work --filename=data --size=2M --bs=4k --numjobs=1 --group_reporting"
want() { [[ $# -eq 0 ]] && return 0; for s in "${wanted[@]}"; do [[ $s == "$1" ]] && return 0; done; return 1; }
wanted=("$@")
run() { local n=$1; shift; if [[ ${#wanted[@]} -eq 0 ]] || want "$n"; then record "$n" "$@"; fi; }

run io_uring-buffered-write fio $fiojob --ioengine=io_uring --rw=write --iodepth=8 --fsync=64
 # Reads of a file fio has just laid out: the pages are cached, so io_uring completes them inline.
run io_uring-cached-read    fio $fiojob --ioengine=io_uring --rw=read --iodepth=8
run io_uring-force-async    fio $fiojob --ioengine=io_uring --rw=write --iodepth=8 --force_async=1
run io_uring-sqpoll         fio $fiojob --ioengine=io_uring --rw=write --iodepth=8 --sqthread_poll=1
# RLIMIT_FSIZE below the file size: the write past it fails with EFBIG and
# SIGXFSZ goes to whichever thread ran it (fallocate=none: fio itself must not
# extend the file first).
run io_uring-sigxfsz        prlimit --fsize=65536 fio $fiojob --ioengine=io_uring --rw=write --iodepth=4 \
                              --force_async=1 --size=256k --fallocate=none --create_on_open=1
run libaio-direct           fio $fiojob --ioengine=libaio --rw=randwrite --iodepth=8 --direct=1
run libaio-buffered         fio $fiojob --ioengine=libaio --rw=write --iodepth=8 --direct=0
# fio's libaio engine fsyncs synchronously; the helper submits IOCB_CMD_FSYNC.
run aio-fsync               python3 "$here/aio-fsync.py" "$work/data" 16
run sync-psync              fio $fiojob --ioengine=psync --rw=write --fsync=64
# A submitter that changes its own nice, ioprio and CPU mask after io-wq has a
# worker, writes a set-user-ID file through io-wq and writes past RLIMIT_FSIZE
# (traces/aio-context.c); the workload runs as root in $work.
if [[ ${#wanted[@]} -eq 0 ]] || want io_uring-context; then
  cc -O2 -Wall -o "$work/aio-context" "$here/aio-context.c" -luring
  record io_uring-context "$work/aio-context" "$work"
fi
