#pragma once
#include "model/Result.h"
#include "trace/live/LiveEvent.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace aioscope::trace::live {

struct CommandCaptureOptions {
    std::vector<std::string> command; // argv; argv[0] is looked up in PATH
    std::vector<LiveEvent> events;    // LiveEventPreset::named(...)
    std::size_t bufferKbPerCpu = 16384;
    std::string out; // the trace.dat to write; never replaced
    // The command leads its own process group, and a cancel ends the whole
    // group (a shell and what it started). Off for a terminal, whose Ctrl-C
    // must reach the command in the foreground group.
    bool ownProcessGroup = false;
};

struct CommandCaptureResult {
    std::string out;
    bool exited = false; // the command exited (else a signal ended it)
    int exitCode = 0;    // when exited
    int signal = 0;      // when killed
    bool cancelled = false;
    std::uint64_t bytes = 0; // kernel events recorded
    std::uint64_t lost = 0;  // dropped by the kernel (buffer full)
    std::size_t tracepoints = 0;
    std::vector<std::string> missing; // "system:name" this kernel lacks
};

// Runs a command under a live kernel capture (LiveCapture, a private tracefs
// instance following the command and every thread and process it creates)
// and writes what was recorded as a trace.dat (TraceDatWriter): what
// `aioscope record` and the GUI's File > Record trace of a command do. The
// command starts only once tracing is on, so its first events are there.
class CommandCapture {
public:
    // `cancel` (polled) sends SIGTERM to the command (its group with
    // ownProcessGroup), then SIGKILL if it is
    // still there a second later; what was recorded is written either way.
    // `progress` gets the bytes recorded so far, about every 100 ms, on the
    // calling thread.
    static Result<CommandCaptureResult> run(const CommandCaptureOptions& options,
                                            const std::atomic<bool>* cancel = nullptr,
                                            const std::function<void(std::uint64_t bytes)>& progress = {});
    // Async-signal-safe: passes `sig` on to the command being recorded (for a
    // SIGINT/SIGTERM handler of the caller; the terminal's Ctrl-C reaches the
    // command by itself).
    static void forwardSignal(int sig);
};

} // namespace aioscope::trace::live
