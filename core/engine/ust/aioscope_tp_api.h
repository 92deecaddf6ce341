/* C entry points of the `aioscope` lttng-ust provider library. The engine
 * calls these; each is one predicted branch while nobody is tracing. */
#pragma once
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct aioscope_tp_context {
    uint32_t known;
    int32_t tid, pid;
    uint32_t uid, euid, fsuid, gid, fsgid;
    uint64_t cap_effective;
    int32_t ioprio, nice;
    uint64_t affinity;
    int32_t cpu;
    uint64_t rlimit_fsize;
    uint64_t blocked_signals;
    int64_t ts_ns;
};

void aioscope_tp_run_begin(const char* design, const char* workload, uint64_t seq_base);
void aioscope_tp_submit(uint64_t seq, const char* design, int op, int fd, uint64_t offset, uint64_t length,
                        int submitter_tid, int64_t submit_ns, int64_t submit_end_ns);
void aioscope_tp_exec_start(uint64_t seq, int executor_tid, int64_t ts_ns);
void aioscope_tp_exec_end(uint64_t seq, int executor_tid, int64_t result, int64_t ts_ns);
void aioscope_tp_complete(uint64_t seq, int64_t result, int observer_tid, int64_t complete_ns, int executor_tid,
                          int64_t exec_start_ns, int64_t exec_end_ns, int continuation_tid, uint32_t flags);
void aioscope_tp_context(uint64_t seq, int role, const struct aioscope_tp_context* c);

#ifdef __cplusplus
}
#endif
