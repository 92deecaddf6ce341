#pragma once
#include "model/Result.h"
#include "probes/TraceLine.h"

#include <memory>
#include <set>
#include <string>
#include <vector>

namespace aioscope::probes {

// A private tracefs instance (instances/aioscope-probe-<pid>) recording the
// events that show who executed a probe's request: signal_generate,
// cap_capable, io_uring:*, writeback_dirty_folio, task_newtask, and the
// io_submit/io_uring_enter syscalls. Other tracers are not disturbed; the
// instance is removed by the destructor.
class KernelTraceCapture {
public:
    // Mounts tracefs at /sys/kernel/tracing when root and not mounted yet.
    // An error says why the trace is not available (not root, read-only...).
    static Result<std::unique_ptr<KernelTraceCapture>> open();
    ~KernelTraceCapture();
    KernelTraceCapture(const KernelTraceCapture&) = delete;
    KernelTraceCapture& operator=(const KernelTraceCapture&) = delete;

    const std::string& instancePath() const { return path_; }
    // Events that could be enabled ("signal:signal_generate", ...).
    const std::vector<std::string>& events() const { return events_; }

    // Clears the buffer and starts recording. Call it with the thread's
    // normal identity: it opens trace_pipe, and end() reads through that fd,
    // so end() works even while the thread runs as fsuid nobody.
    Result<void> begin();
    // Stops recording and returns the lines of this process: threads in
    // `tids`, threads they created, and lines whose tgid is getpid() (see
    // ProcessTraceFilter for why the tgid column alone is not enough).
    std::vector<TraceLine> end(const std::set<pid_t>& tids);

    // Removes instances left by aioscope processes that no longer exist.
    static void removeStaleInstances(const std::string& tracingRoot);

private:
    explicit KernelTraceCapture(std::string path) : path_(std::move(path)) {}
    bool write(const std::string& file, const std::string& value) const;

    std::string path_;
    std::vector<std::string> events_;
    int onFd_ = -1;   // tracing_on, opened once as root
    int pipeFd_ = -1; // trace_pipe, opened by begin()
};

} // namespace aioscope::probes
