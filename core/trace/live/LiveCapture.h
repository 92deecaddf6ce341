#pragma once
#include "model/Result.h"
#include "trace/TraceReader.h"
#include "trace/live/LiveEvent.h"
#include "trace/live/RecordedPages.h"
#include "trace/live/TracefsInstance.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <thread>
#include <vector>

struct tep_handle;
struct tracefs_cpu;

namespace aioscope::trace::live {

struct LiveCaptureOptions {
    std::vector<LiveEvent> events;
    std::string purpose = "capture"; // part of the instance name: aioscope-<pid>-<purpose>-<n>
    // Ring buffer per CPU. The readers drain it while the workload runs, so it
    // only has to hold what arrives between two wake-ups of a reader.
    std::size_t bufferKbPerCpu = 8192;
};

// A live kernel trace on a private tracefs instance, stamped with
// CLOCK_MONOTONIC (trace_clock mono): the chosen tracepoints,
// read per CPU (one reader thread per CPU, trace_pipe_raw through
// libtracefs) while the workload runs, kept as the kernel's binary pages and
// decoded with libtraceevent into the same RawEvents as the trace.dat
// reader. Events the kernel dropped are counted per CPU (the pages' missed
// events) and reported as a "lost-events" warning, never dropped silently.
// The instance is removed by stop()/the destructor, and at the next open()
// after a crash (TracefsInstance::removeStale).
class LiveCapture {
public:
    static Result<std::unique_ptr<LiveCapture>> open(const LiveCaptureOptions& options);
    ~LiveCapture();
    LiveCapture(const LiveCapture&) = delete;
    LiveCapture& operator=(const LiveCapture&) = delete;

    // Drops what an earlier start() recorded, starts the readers, then tracing.
    Result<void> start();
    // Stops tracing, drains every CPU's buffer and joins the readers. Opens
    // no file, so it works under any identity the caller took since start().
    void stop();
    // Removes the tracefs instance (the recorded pages stay readable).
    void close();
    bool running() const { return running_; }

    // Everything recorded between start() and stop(), merged across CPUs in
    // time order, then a "lost-events" warning per CPU that lost any.
    void replay(RawEventSink& sink) const;

    std::uint64_t lostEvents() const;
    std::uint64_t bytesRecorded() const;
    // "system:name" of each tracepoint enabled, and those this kernel lacks.
    const std::vector<std::string>& enabled() const { return enabled_; }
    const std::vector<std::string>& missing() const { return missing_; }
    const std::string& instanceName() const { return instanceName_; }
    const TracefsInstance& instance() const { return instance_; }
    std::size_t bufferKbPerCpu() const { return bufferKb_; }
    int cpus() const { return static_cast<int>(cpus_.size()); }
    tep_handle* tep() const { return tep_; }
    // The raw pages recorded on the CPU at `index` (0..cpus()-1), pageSize() apart.
    const RecordedPages& pagesOf(int index) const;
    int pageSize() const { return pageSize_; }

private:
    struct CpuPages {
        int cpu = 0;
        RecordedPages pages; // whole sub-buffers
        std::uint64_t lost = 0;    // missed events the pages report
        bool lostUnknown = false;  // a page said "missed" without a count
        std::uint64_t overrun = 0; // what per_cpu/cpuN/stats says the kernel dropped
        std::thread reader;
        tracefs_cpu* handle = nullptr;
        int statsFd = -1;
    };
    LiveCapture(TracefsInstance instance, tep_handle* tep);
    void readCpu(CpuPages& cpu);
    void readStats(CpuPages& cpu);
    void countMissed(CpuPages& cpu) const;
    static std::uint64_t lostOn(const CpuPages& cpu);

    TracefsInstance instance_;
    std::string instanceName_;
    tep_handle* tep_ = nullptr;
    std::vector<std::unique_ptr<CpuPages>> cpus_;
    std::vector<std::string> enabled_;
    std::vector<std::string> missing_;
    std::size_t bufferKb_ = 0;
    int pageSize_ = 4096;
    // Opened by start() and used by stop(), so that stop() works while the
    // calling thread runs with an identity that cannot open tracefs files
    // (the fsuid probe's nobody).
    int onFd_ = -1;
    int cmdlinesFd_ = -1;
    std::atomic<bool> stopping_{false};
    std::mutex wakeMutex_;
    std::condition_variable wake_;
    static constexpr int kDrainIntervalMs = 20;
    // What each CPU's pages touch before tracing starts: as much as its ring
    // buffer holds (a short run then takes no page faults), within bounds.
    static constexpr std::size_t kMinWarmKb = 4096, kMaxWarmKb = 32768;
    bool running_ = false;
};

} // namespace aioscope::trace::live
