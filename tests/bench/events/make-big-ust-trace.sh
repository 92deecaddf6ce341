#!/bin/sh
# Records a big LTTng user-space trace for ctf_fields_bench: a tiny program
# emits EVENTS tracef events (lttng_ust_tracef:event, two numbers in its msg)
# from 4 threads under a private lttng-sessiond (--no-kernel), in its own
# mount namespace as traces/lttng/record.sh does; the channel blocks instead
# of discarding, so every event is kept. Needs root, lttng-tools, liblttng-ust-dev, cc.
#
#   make-big-ust-trace.sh OUTDIR [EVENTS]   (default 4,000,000)
#
# OUTDIR receives the CTF trace (OUTDIR/ust/uid/0/64-bit/...).
set -eu

if [ "${AIOSCOPE_LTTNG_PRIVATE:-}" != 1 ]; then
    exec env AIOSCOPE_LTTNG_PRIVATE=1 unshare --mount --propagation private /bin/sh "$0" "$@"
fi
if [ $# -lt 1 ]; then
    echo "usage: $0 OUTDIR [EVENTS]" >&2
    exit 2
fi
out=$1
events=${2:-4000000}

mkdir -p /run/lttng
mount -t tmpfs -o mode=0755 aioscope-lttng /run/lttng
home=$(mktemp -d "${TMPDIR:-/tmp}/aioscope-lttng-home.XXXXXX")
export LTTNG_HOME="$home"
sessiond_pid=
cleanup() {
    if [ -n "$sessiond_pid" ]; then
        kill "$sessiond_pid" 2>/dev/null || true
        i=0
        while kill -0 "$sessiond_pid" 2>/dev/null && [ $i -lt 100 ]; do
            sleep 0.1
            i=$((i + 1))
        done
    fi
    rm -rf "$home"
}
trap cleanup EXIT INT TERM

cat >"$home/gen.c" <<'C'
#include <lttng/tracef.h>
#include <pthread.h>
#include <stdlib.h>
static long per;
static void* emit(void* arg) {
    long t = (long)arg;
    for (long i = 0; i < per; ++i)
        tracef("thread %ld request %ld offset %ld", t, i, i * 4096);
    return 0;
}
int main(int argc, char** argv) {
    per = atol(argv[1]) / 4;
    pthread_t th[4];
    for (long t = 0; t < 4; ++t)
        pthread_create(&th[t], 0, emit, (void*)t);
    for (int t = 0; t < 4; ++t)
        pthread_join(th[t], 0);
    return 0;
}
C
cc -O2 -o "$home/gen" "$home/gen.c" -llttng-ust -ldl -lpthread

lttng-sessiond --daemonize --no-kernel >&2
sessiond_pid=$(cat /run/lttng/lttng-sessiond.pid)
lttng create bigust --output="$out" >&2
lttng enable-channel -u big --subbuf-size=1M --num-subbuf=8 --blocking-timeout=inf >&2
lttng enable-event -u -c big 'lttng_ust_tracef:*' >&2
lttng add-context -u -c big -t vpid -t vtid -t procname >&2
lttng start >&2
LTTNG_UST_ALLOW_BLOCKING=1 "$home/gen" "$events"
lttng stop >&2
lttng destroy >&2
