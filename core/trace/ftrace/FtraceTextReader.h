#pragma once
#include "trace/TraceReader.h"

namespace aioscope::trace {

// ftrace text: tracefs `trace` / `trace_pipe` output (with or without the
// header, TGID and irq-flag columns) and `trace-cmd report` output. Events come
// out in file order; lost-event markers and malformed lines become warnings.
class FtraceTextReader : public TraceReader {
public:
    std::string_view format() const override { return "ftrace-text"; }
    bool canRead(const std::string& path) const override;
    Result<void> read(const std::string& path, RawEventSink& sink, const ReadControl& control) override;
    // The same on bytes already in memory (fuzzing, tests); name is used in messages.
    Result<void> readBuffer(std::string_view data, const std::string& name, RawEventSink& sink,
                            const ReadControl& control);
    // Content sniff on the first bytes of a file.
    static bool sniff(std::string_view head);
};

} // namespace aioscope::trace
