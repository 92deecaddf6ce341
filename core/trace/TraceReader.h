#pragma once
#include "model/ImportWarning.h"
#include "model/Result.h"
#include "trace/RawEvent.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace aioscope::trace {

// Where a reader delivers what it reads. onEvent gets events in the order the
// reader produces them (per-stream time order; a sorter merges downstream).
class RawEventSink {
public:
    virtual ~RawEventSink() = default;
    virtual void onEvent(const RawEvent& event) = 0;
    virtual void onWarning(const ImportWarning& warning) = 0;
    // Whether events of this name need their fields; a reader may skip
    // parsing the fields of events nobody reads (they are still delivered and
    // counted). Asked often: answer from a cache.
    virtual bool wantsFields(std::string_view system, std::string_view name) { return true; }
    // About how many events the whole trace holds, when a reader can tell
    // early (the text reader, from its first piece and the file's size):
    // sinks may then size what grows with the trace once instead of by
    // repeated doubling. Called at most once, before or among the first events.
    virtual void expectEvents(std::uint64_t events) {}
};

// Progress and cancellation for long reads; checked every few thousand events.
struct ReadControl {
    std::function<void(std::uint64_t done, std::uint64_t total)> progress; // bytes or events
    const std::atomic<bool>* cancel = nullptr;
    bool cancelled() const { return cancel && cancel->load(std::memory_order_relaxed); }
};

// One trace format. Readers know nothing of requests; trackers know nothing of formats.
class TraceReader {
public:
    virtual ~TraceReader() = default;
    virtual std::string_view format() const = 0; // "ftrace-text", "trace.dat", "ctf"
    // Cheap content sniff (first bytes of a file, or a directory's metadata).
    virtual bool canRead(const std::string& path) const = 0;
    // A file that is not a trace at all returns an error naming the file and
    // place; a malformed part of a real trace is a warning and reading goes on.
    virtual Result<void> read(const std::string& path, RawEventSink& sink, const ReadControl& control) = 0;
};

} // namespace aioscope::trace
