#pragma once
// The libtracefs (1.6+) entry points the live capture uses, declared here
// because <tracefs/tracefs.h> has inline tracefs_hist_* wrappers that pass an
// int as an enum, which is not valid C++ (the same reason as LibTraceCmd.h).
#include <traceevent/event-parse.h>
extern "C" {
#include <traceevent/kbuffer.h> // has no extern "C" of its own
}

#include <cstddef>

extern "C" {
struct tracefs_instance;
struct tracefs_cpu;

const char* tracefs_tracing_dir(void);
int tracefs_tracing_dir_is_mounted(bool mount, const char** path);
struct tracefs_instance* tracefs_instance_create(const char* name);
struct tracefs_instance* tracefs_instance_alloc(const char* tracing_dir, const char* name);
int tracefs_instance_destroy(struct tracefs_instance* instance);
void tracefs_instance_free(struct tracefs_instance* instance);
const char* tracefs_instance_get_name(struct tracefs_instance* instance);
char* tracefs_instance_get_dir(struct tracefs_instance* instance);
void tracefs_put_tracing_file(char* name);
int tracefs_instance_file_write(struct tracefs_instance* instance, const char* file, const char* str);
char* tracefs_instance_file_read(struct tracefs_instance* instance, const char* file, int* psize);
int tracefs_instance_file_open(struct tracefs_instance* instance, const char* file, int mode);
int tracefs_instance_file_clear(struct tracefs_instance* instance, const char* file);
int tracefs_instance_set_buffer_size(struct tracefs_instance* instance, size_t size, int cpu);
ssize_t tracefs_instance_get_buffer_size(struct tracefs_instance* instance, int cpu);
int tracefs_instances_walk(int (*callback)(const char*, void*), void* context);
bool tracefs_instance_exists(const char* name);
int tracefs_trace_on(struct tracefs_instance* instance);
int tracefs_trace_off(struct tracefs_instance* instance);
int tracefs_event_enable(struct tracefs_instance* instance, const char* system, const char* event);
int tracefs_event_disable(struct tracefs_instance* instance, const char* system, const char* event);
int tracefs_event_file_write(struct tracefs_instance* instance, const char* system, const char* event, const char* file,
                             const char* str);
// Options are looked up by name ("event-fork"), so no enum value is copied here.
int tracefs_option_id(const char* name);
int tracefs_option_enable(struct tracefs_instance* instance, int id);
int tracefs_option_disable(struct tracefs_instance* instance, int id);
struct tep_handle* tracefs_local_events_system(const char* tracing_dir, const char* const* sys_names);
int tracefs_load_cmdlines(const char* tracing_dir, struct tep_handle* tep);
struct tracefs_cpu* tracefs_cpu_open(struct tracefs_instance* instance, int cpu, bool nonblock);
void tracefs_cpu_close(struct tracefs_cpu* tcpu);
int tracefs_cpu_read_size(struct tracefs_cpu* tcpu);
int tracefs_cpu_read(struct tracefs_cpu* tcpu, void* buffer, bool nonblock);
int tracefs_cpu_buffered_read(struct tracefs_cpu* tcpu, void* buffer, bool nonblock);
int tracefs_cpu_stop(struct tracefs_cpu* tcpu);
int tracefs_cpu_flush(struct tracefs_cpu* tcpu, void* buffer);
void tracefs_set_loglevel(enum tep_loglevel level);
}
