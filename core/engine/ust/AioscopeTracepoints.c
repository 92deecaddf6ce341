/* The provider itself: probes are created here, and nowhere else. */
#define LTTNG_UST_TRACEPOINT_CREATE_PROBES
#define LTTNG_UST_TRACEPOINT_DEFINE
#include "engine/ust/AioscopeTracepoints.h"

void aioscope_tp_run_begin(const char* design, const char* workload, uint64_t seq_base) {
    lttng_ust_tracepoint(aioscope, run_begin, design, workload, seq_base);
}

void aioscope_tp_submit(uint64_t seq, const char* design, int op, int fd, uint64_t offset, uint64_t length,
                        int submitter_tid, int64_t submit_ns, int64_t submit_end_ns) {
    lttng_ust_tracepoint(aioscope, submit, seq, design, op, fd, offset, length, submitter_tid, submit_ns,
                         submit_end_ns);
}

void aioscope_tp_exec_start(uint64_t seq, int executor_tid, int64_t ts_ns) {
    lttng_ust_tracepoint(aioscope, exec_start, seq, executor_tid, ts_ns);
}

void aioscope_tp_exec_end(uint64_t seq, int executor_tid, int64_t result, int64_t ts_ns) {
    lttng_ust_tracepoint(aioscope, exec_end, seq, executor_tid, result, ts_ns);
}

void aioscope_tp_complete(uint64_t seq, int64_t result, int observer_tid, int64_t complete_ns, int executor_tid,
                          int64_t exec_start_ns, int64_t exec_end_ns, int continuation_tid, uint32_t flags) {
    lttng_ust_tracepoint(aioscope, complete, seq, result, observer_tid, complete_ns, executor_tid, exec_start_ns,
                         exec_end_ns, continuation_tid, flags);
}

void aioscope_tp_context(uint64_t seq, int role, const struct aioscope_tp_context* c) {
    lttng_ust_tracepoint(aioscope, context, seq, role, c);
}
