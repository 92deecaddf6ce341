#pragma once
#include "trace/TraceReader.h"

namespace aioscope::trace {

// trace-cmd's binary trace.dat (versions 6 and 7, compressed or not), read
// through libtracecmd + libtraceevent. Every buffer in the file (top level and
// instances, as `trace-cmd extract -B` writes them) is read and merged by time.
// Event fields come from the format descriptions in the file, so trackers see
// the kernel's own field names (req, user_data, res, prev_state...).
class TraceDatReader : public TraceReader {
public:
    std::string_view format() const override { return "trace.dat"; }
    bool canRead(const std::string& path) const override;
    Result<void> read(const std::string& path, RawEventSink& sink, const ReadControl& control) override;
    // The first bytes of every trace.dat: "\x17\x08\x44tracing".
    static bool sniff(std::string_view head);
    // How many threads decode the per-CPU streams; 0 (the default): one per
    // core, at most one per CPU of the trace. The events are the same either way.
    void setDecodingThreads(unsigned threads) { decodingThreads_ = threads; }

private:
    unsigned decodingThreads_ = 0;
};

} // namespace aioscope::trace
