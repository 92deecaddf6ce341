#pragma once
// The libtracecmd (trace-cmd 3.1) calls that write a trace.dat. They are in
// its private header only, which pulls in tracefs.h (not valid C++, see
// LibTracefs.h), so the few used are declared here.
#include <traceevent/event-parse.h>

extern "C" {
struct tracecmd_output;
void tracecmd_set_loglevel(enum tep_loglevel level);
// Off: its progress lines ("CPU0 data recorded at offset=...") on stderr.
void tracecmd_set_quiet(struct tracecmd_output* handle, bool set_quiet);
struct tracecmd_event_list;
struct tracecmd_output* tracecmd_output_create(const char* output_file);
int tracecmd_output_set_trace_dir(struct tracecmd_output* handle, const char* tracing_dir);
int tracecmd_output_write_headers(struct tracecmd_output* handle, struct tracecmd_event_list* list);
int tracecmd_write_cmdlines(struct tracecmd_output* handle);
int tracecmd_append_cpu_data(struct tracecmd_output* handle, int cpus, char* const* cpu_data_files);
void tracecmd_output_close(struct tracecmd_output* handle);
}
