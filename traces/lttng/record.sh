#!/bin/sh
# Records the aioscope engine's lttng-ust events (provider `aioscope`) with a
# private lttng-sessiond, so it never meets anyone else's session daemon:
# the script re-runs itself in a private mount namespace where /run/lttng
# (root's session daemon directory) is an empty tmpfs, and gives the daemon
# its own LTTNG_HOME. Needs root (mount namespace) and lttng-tools.
#
#   record.sh OUTDIR AIOSCOPE_BINARY [aioscope run arguments...]
#
# OUTDIR receives the CTF trace (OUTDIR/ust/uid/0/64-bit/...); the engine's
# stdout (e.g. its --json report) is this script's stdout, lttng's chatter
# goes to stderr. Channel sub-buffers: AIOSCOPE_LTTNG_SUBBUF (default 64k)
# x AIOSCOPE_LTTNG_NUM_SUBBUF (default 16) per CPU; the engine is not slowed
# down by tracing, so a buffer too small for the run shows as lost events.
set -eu

if [ "${AIOSCOPE_LTTNG_PRIVATE:-}" != 1 ]; then
    exec env AIOSCOPE_LTTNG_PRIVATE=1 unshare --mount --propagation private /bin/sh "$0" "$@"
fi

if [ $# -lt 2 ]; then
    echo "usage: $0 OUTDIR AIOSCOPE_BINARY [aioscope run arguments...]" >&2
    exit 2
fi
out=$1
bin=$2
shift 2

mkdir -p /run/lttng
mount -t tmpfs -o mode=0755 aioscope-lttng /run/lttng
home=$(mktemp -d "${TMPDIR:-/tmp}/aioscope-lttng-home.XXXXXX")
export LTTNG_HOME="$home"

sessiond_pid=
cleanup() {
    if [ -n "$sessiond_pid" ]; then
        kill "$sessiond_pid" 2>/dev/null || true
        # The daemon lives in this namespace: wait so it is gone with it.
        i=0
        while kill -0 "$sessiond_pid" 2>/dev/null && [ $i -lt 100 ]; do
            sleep 0.1
            i=$((i + 1))
        done
    fi
    rm -rf "$home"
}
trap cleanup EXIT INT TERM

lttng-sessiond --daemonize --no-kernel >&2
sessiond_pid=$(cat /run/lttng/lttng-sessiond.pid)

lttng create aioscope --output="$out" >&2
lttng enable-channel -u aioscope --subbuf-size="${AIOSCOPE_LTTNG_SUBBUF:-64k}" \
    --num-subbuf="${AIOSCOPE_LTTNG_NUM_SUBBUF:-16}" >&2
lttng enable-event -u -c aioscope 'aioscope:*' >&2
lttng add-context -u -c aioscope -t vpid -t vtid -t procname >&2
lttng start >&2

status=0
"$bin" run "$@" || status=$?

lttng stop >&2
lttng destroy >&2
exit $status
