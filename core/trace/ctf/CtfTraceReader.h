#pragma once
#include "trace/TraceReader.h"

#include <cstdint>

namespace aioscope::trace {

// LTTng CTF 1.8 kernel and user-space traces, and collections of them (a
// session directory with kernel/ and ust/ sub-traces, rotation chunks,
// tracefile rotation, per-PID or per-UID buffers), read through the
// libbabeltrace2 graph API: source.ctf.fs -> filter.utils.muxer -> our sink.
// Events arrive in global time order (the muxer merges streams).
//
// What a RawEvent holds is described in CtfMessageConverter; in short,
// lttng-modules records get tid/pid/comm from the per-CPU current task that
// the reader follows through sched_switch (see LttngKernelTaskState), so
// trackers need no CTF-specific code beyond the event names
// and fields, which it spells as ftrace does (LttngKernelNames).
//
// Damage: a trace whose metadata cannot be parsed, or that has a clock
// without `freq`, is left out with a corrupt-metadata warning (an error when
// nothing else is readable); a stream file babeltrace2 refuses is left out
// with a corrupt-packet warning and the trace's other streams are read; a
// decoding error while reading ends the read with a corrupt-packet warning
// naming the stream file (babeltrace2 cannot resume after one). Some damaged
// packet contexts make libbabeltrace2 2.0.4 abort() (tests/fuzz/ctf/
// libbabeltrace2-aborts/): CtfPreflight builds each trace's graph in a forked
// child first, without LTTng's index/ so that every packet context is read; a
// stream file that crashes it is left out with a corrupt-packet warning, and
// a trace whose every stream file does is left out whole (the error when it
// is the only one). Not isolated: an abort while running the graph that
// indexing did not meet first (none known; a damaged index/ file could).
class CtfTraceReader : public TraceReader {
public:
    std::string_view format() const override { return "ctf"; }
    // A directory holding (at any depth) a CTF `metadata` file, or such a file.
    bool canRead(const std::string& path) const override;
    Result<void> read(const std::string& path, RawEventSink& sink, const ReadControl& control) override;

    // Events delivered by the last read(); equals `babeltrace2 PATH | wc -l`.
    std::uint64_t eventsRead() const { return eventsRead_; }

private:
    std::uint64_t eventsRead_ = 0;
};

} // namespace aioscope::trace
