#pragma once
// The few libtracecmd (1.3+) entry points the trace.dat reader uses, declared
// here because <trace-cmd/trace-cmd.h> pulls in tracefs.h, whose inline
// tracefs_hist_command() wrapper is not valid C++ (int -> enum).
#include <traceevent/event-parse.h>

extern "C" {
struct tracecmd_input;
enum tracecmd_open_flags {
    TRACECMD_FL_LOAD_NO_PLUGINS = 1 << 0,
    TRACECMD_FL_LOAD_NO_SYSTEM_PLUGINS = 1 << 1,
};
struct tracecmd_input* tracecmd_open(const char* file, int flags);
void tracecmd_close(struct tracecmd_input* handle);
struct tep_handle* tracecmd_get_tep(struct tracecmd_input* handle);
int tracecmd_buffer_instances(struct tracecmd_input* handle);
const char* tracecmd_buffer_instance_name(struct tracecmd_input* handle, int indx);
struct tracecmd_input* tracecmd_buffer_instance_handle(struct tracecmd_input* handle, int indx);
int tracecmd_iterate_events_multi(struct tracecmd_input** handles, int nr_handles,
                                  int (*callback)(struct tracecmd_input* handle, struct tep_record*, int, void*),
                                  void* callback_data);
void tracecmd_set_loglevel(enum tep_loglevel level);
int tracecmd_cpus(struct tracecmd_input* handle);
// The size of a CPU's data, decompressed; -1 for a CPU the handle has no data of.
long long tracecmd_get_cpu_file_size(struct tracecmd_input* handle, int cpu);
struct tep_record* tracecmd_read_data(struct tracecmd_input* handle, int cpu);
void tracecmd_free_record(struct tep_record* record);
}
