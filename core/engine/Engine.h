#pragma once
#include "engine/DesignResult.h"
#include "engine/Workload.h"
#include "model/Result.h"

#include <functional>
#include <string>
#include <vector>

namespace aioscope::engine {

struct EngineOptions {
    std::string dir = "/tmp";          // the scratch folder is created inside
    std::vector<std::string> designs;  // names from DesignRegistry
    Workload workload;
    bool record = true;                // per-request records, model Run, tracepoints
    bool captureContext = true;        // submitter/executor snapshots per request
    // Record the kernel's side of each design on a private tracefs instance
    // (trace/live) and merge it into the design's Run: the io threads,
    // helpers and kworkers that executed requests, block requests, sched
    // states. Needs record; when tracefs is not writable the run goes on
    // without it and EngineReport::kernelTraceUnavailable says why.
    bool kernelTrace = false;
    std::size_t kernelBufferKbPerCpu = 16384;
    unsigned poolWorkers = 4;
    std::string commandLine;           // stored as Run::source
    // Called once the data file is ready, before any design runs (tests
    // corrupt a block here; the benchmark runs fio on the same file).
    std::function<void(const std::string& dataFile)> afterPrepare;
    // Called after each design, with its finished result and Run, on the
    // engine's thread.
    std::function<void(const DesignResult& result)> onDesignDone;
    // Called about every 100 ms from the engine's thread.
    std::function<void(const std::string& design, std::uint64_t done, std::uint64_t total)> onProgress;
    // Called about every partialRunIntervalMs from the engine's controlling
    // thread while a design runs (recording on), with a finalized Run of the
    // requests completed so far (the GUI streams it into the timeline). The
    // I/O threads only publish a count; all the building happens here.
    std::function<void(const aioscope::Run& partial)> onPartialRun;
    unsigned partialRunIntervalMs = 200;
};

struct EngineReport {
    std::string dir;
    std::string scratch;                 // removed by the time run() returns
    std::vector<DesignResult> designs;   // in the order run (partial on error)
    std::vector<std::string> warnings;
    std::string error;                   // first error that stopped the run, with its file and place
    bool interrupted = false;            // Ctrl-C
    std::string kernelTraceUnavailable;  // why kernelTrace was asked for and not recorded
    bool ok() const { return error.empty() && !interrupted; }
};

// Runs a workload for each chosen design on a real file in a scratch folder
// (see ScratchDir), one submission loop per --threads, and records every
// request. The engine writes nowhere else; the folder goes away at the end,
// on Ctrl-C (installInterruptHandler) and at the next start after a crash.
class Engine {
public:
    explicit Engine(EngineOptions options) : options_(std::move(options)) {}
    // An Error when nothing could run (bad folder, not enough space, unknown
    // design, bad workload). Errors during the run land in the report, with
    // the requests recorded so far.
    Result<EngineReport> run();

    // Async-signal-safe: in-flight requests finish, nothing new is issued.
    static void requestStop();
    static void clearStop();
    static bool stopRequested();
    // SIGINT and SIGTERM call requestStop(); a second SIGINT kills as usual.
    static void installInterruptHandler();

private:
    Result<void> prepareDataFile(const std::string& path);

    EngineOptions options_;
};

} // namespace aioscope::engine
