#pragma once
#include "trace/TraceReader.h"

#include <cstddef>

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
    // Traces are tokenized in pieces of about this many bytes (whole lines),
    // with `threads` threads in all (0: one per core; the calling thread
    // delivers, the others tokenize); tests make pieces small.
    void setChunking(std::size_t chunkBytes, unsigned threads) {
        chunkBytes_ = chunkBytes ? chunkBytes : 1;
        threads_ = threads;
    }

private:
    std::size_t chunkBytes_ = 256 << 10;
    unsigned threads_ = 0;
};

} // namespace aioscope::trace
