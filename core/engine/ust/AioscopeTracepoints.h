/* lttng-ust tracepoint provider `aioscope` (lttng-ust 2.13 API).
 * Compiled as C, in its own small shared library, so the engine only pays a
 * call and a predicted branch per event while no session is listening.
 * Timestamps in fields are the engine's CLOCK_MONOTONIC ns, so an import of
 * the CTF trace gives the same requests as the in-memory recording. */
#undef LTTNG_UST_TRACEPOINT_PROVIDER
#define LTTNG_UST_TRACEPOINT_PROVIDER aioscope

#undef LTTNG_UST_TRACEPOINT_INCLUDE
#define LTTNG_UST_TRACEPOINT_INCLUDE "engine/ust/AioscopeTracepoints.h"

#if !defined(AIOSCOPE_TRACEPOINTS_H) || defined(LTTNG_UST_TRACEPOINT_HEADER_MULTI_READ)
#define AIOSCOPE_TRACEPOINTS_H

#include <lttng/tracepoint.h>
#include <stdint.h>
#include "engine/ust/aioscope_tp_api.h"

/* One design's run starts: names the design and workload for the seqs that follow. */
LTTNG_UST_TRACEPOINT_EVENT(aioscope, run_begin,
    LTTNG_UST_TP_ARGS(const char*, design, const char*, workload, uint64_t, seq_base),
    LTTNG_UST_TP_FIELDS(
        lttng_ust_field_string(design, design)
        lttng_ust_field_string(workload, workload)
        lttng_ust_field_integer(uint64_t, seq_base, seq_base)))

/* Emitted when submit() returned: both ends of the submit call. */
LTTNG_UST_TRACEPOINT_EVENT(aioscope, submit,
    LTTNG_UST_TP_ARGS(uint64_t, seq, const char*, design, int, op, int, fd, uint64_t, offset,
                      uint64_t, length, int, submitter_tid, int64_t, submit_ns, int64_t, submit_end_ns),
    LTTNG_UST_TP_FIELDS(
        lttng_ust_field_integer(uint64_t, seq, seq)
        lttng_ust_field_string(design, design)
        lttng_ust_field_integer(int, op, op)
        lttng_ust_field_integer(int, fd, fd)
        lttng_ust_field_integer(uint64_t, offset, offset)
        lttng_ust_field_integer(uint64_t, length, length)
        lttng_ust_field_integer(int, submitter_tid, submitter_tid)
        lttng_ust_field_integer(int64_t, submit_ns, submit_ns)
        lttng_ust_field_integer(int64_t, submit_end_ns, submit_end_ns)))

/* A user-space executor starts / ends running a request. */
LTTNG_UST_TRACEPOINT_EVENT(aioscope, exec_start,
    LTTNG_UST_TP_ARGS(uint64_t, seq, int, executor_tid, int64_t, ts_ns),
    LTTNG_UST_TP_FIELDS(
        lttng_ust_field_integer(uint64_t, seq, seq)
        lttng_ust_field_integer(int, executor_tid, executor_tid)
        lttng_ust_field_integer(int64_t, ts_ns, ts_ns)))

LTTNG_UST_TRACEPOINT_EVENT(aioscope, exec_end,
    LTTNG_UST_TP_ARGS(uint64_t, seq, int, executor_tid, int64_t, result, int64_t, ts_ns),
    LTTNG_UST_TP_FIELDS(
        lttng_ust_field_integer(uint64_t, seq, seq)
        lttng_ust_field_integer(int, executor_tid, executor_tid)
        lttng_ust_field_integer(int64_t, result, result)
        lttng_ust_field_integer(int64_t, ts_ns, ts_ns)))

/* The workload reaped the completion. exec_* are 0/INT64_MIN when unknown;
 * flags: 1 ran inline, 2 verify mismatch. */
LTTNG_UST_TRACEPOINT_EVENT(aioscope, complete,
    LTTNG_UST_TP_ARGS(uint64_t, seq, int64_t, result, int, observer_tid, int64_t, complete_ns,
                      int, executor_tid, int64_t, exec_start_ns, int64_t, exec_end_ns,
                      int, continuation_tid, uint32_t, flags),
    LTTNG_UST_TP_FIELDS(
        lttng_ust_field_integer(uint64_t, seq, seq)
        lttng_ust_field_integer(int64_t, result, result)
        lttng_ust_field_integer(int, observer_tid, observer_tid)
        lttng_ust_field_integer(int64_t, complete_ns, complete_ns)
        lttng_ust_field_integer(int, executor_tid, executor_tid)
        lttng_ust_field_integer(int64_t, exec_start_ns, exec_start_ns)
        lttng_ust_field_integer(int64_t, exec_end_ns, exec_end_ns)
        lttng_ust_field_integer(int, continuation_tid, continuation_tid)
        lttng_ust_field_integer(uint32_t, flags, flags)))

/* A context snapshot: role 0 = submitter at submit, 1 = executor at start. */
LTTNG_UST_TRACEPOINT_EVENT(aioscope, context,
    LTTNG_UST_TP_ARGS(uint64_t, seq, int, role, const struct aioscope_tp_context*, c),
    LTTNG_UST_TP_FIELDS(
        lttng_ust_field_integer(uint64_t, seq, seq)
        lttng_ust_field_integer(int, role, role)
        lttng_ust_field_integer(uint32_t, known, c->known)
        lttng_ust_field_integer(int, tid, c->tid)
        lttng_ust_field_integer(int, pid, c->pid)
        lttng_ust_field_integer(uint32_t, uid, c->uid)
        lttng_ust_field_integer(uint32_t, euid, c->euid)
        lttng_ust_field_integer(uint32_t, fsuid, c->fsuid)
        lttng_ust_field_integer(uint32_t, gid, c->gid)
        lttng_ust_field_integer(uint32_t, fsgid, c->fsgid)
        lttng_ust_field_integer_hex(uint64_t, cap_effective, c->cap_effective)
        lttng_ust_field_integer(int, ioprio, c->ioprio)
        lttng_ust_field_integer(int, nice, c->nice)
        lttng_ust_field_integer_hex(uint64_t, affinity, c->affinity)
        lttng_ust_field_integer(int, cpu, c->cpu)
        lttng_ust_field_integer(uint64_t, rlimit_fsize, c->rlimit_fsize)
        lttng_ust_field_integer_hex(uint64_t, blocked_signals, c->blocked_signals)
        lttng_ust_field_integer(int64_t, ts_ns, c->ts_ns)))

#endif /* AIOSCOPE_TRACEPOINTS_H */

#include <lttng/tracepoint-event.h>
