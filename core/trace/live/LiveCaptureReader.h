#pragma once
#include "trace/TraceReader.h"

#include <sys/types.h>
#include <vector>

namespace aioscope::trace::live {

class LiveCapture;

// A finished live capture as a TraceReader, so it goes through the same
// sorter, trackers and Run as a trace file: read() replays the capture's
// events of the followed threads (see ProcessFollower). The path argument
// only names the source in warnings.
class LiveCaptureReader : public TraceReader {
public:
    LiveCaptureReader(const LiveCapture& capture, std::vector<pid_t> followTids)
        : capture_(capture), follow_(std::move(followTids)) {}
    std::string_view format() const override { return "tracefs-live"; }
    bool canRead(const std::string&) const override { return true; }
    Result<void> read(const std::string& path, RawEventSink& sink, const ReadControl& control) override;

private:
    const LiveCapture& capture_;
    std::vector<pid_t> follow_;
};

} // namespace aioscope::trace::live
