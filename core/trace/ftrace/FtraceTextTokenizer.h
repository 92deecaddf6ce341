#pragma once
#include "trace/RawEvent.h"

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace aioscope::trace {

// Turns one line of ftrace text into a RawEvent. Understands tracefs
// `trace`/`trace_pipe` lines (with or without the TGID column and the
// irq-flag columns), `trace-cmd report` lines (with or without a buffer-name
// prefix), the syscall tracer's `sys_x(args)` / `sys_x -> ret` lines, and the
// bodies seen in practice: `key=value`, `key value, key value`, `key: value`,
// plus the positional forms of block_rq_*, workqueue_execute_* and the
// trace-cmd sched_switch plugin. The event's views point into the line and
// into this tokenizer: its fields until the next call, its name (synthesized
// syscall names are kept once per name) as long as the tokenizer lives.
class FtraceTextTokenizer {
public:
    enum class LineKind { Event, Blank, Header, LostEvents, Malformed };

    struct Outcome {
        LineKind kind = LineKind::Malformed;
        std::uint64_t lost = 0; // LostEvents: how many the kernel dropped
        std::int32_t cpu = -1;  // LostEvents: on which CPU
    };

    Outcome tokenize(std::string_view line, std::uint64_t lineNumber, RawEvent& out);
    // The same, appending the event's fields to `fields` (out.fields is left
    // empty: the caller points it at them once `fields` stops growing).
    Outcome tokenizeInto(std::string_view line, std::uint64_t lineNumber, RawEvent& out,
                         std::vector<RawField>& fields);
    // Asked with each event's (system, name) before its fields are parsed;
    // false leaves the fields empty (the event is still an Event).
    void setFieldFilter(std::function<bool(std::string_view, std::string_view)> filter) { filter_ = std::move(filter); }

    // True when the line looks like an ftrace event line (format sniffing).
    static bool looksLikeEventLine(std::string_view line);

private:
    void parseBody(std::string_view name, std::string_view body);
    void parseKeyValues(std::string_view body);
    void parseCommaPairs(std::string_view body);
    bool parseSyscallLine(std::string_view rest);
    bool parseSchedSwitchPlugin(std::string_view body);
    void parseBlockRq(std::string_view body);
    void parseWorkqueueExecute(std::string_view body);
    void addField(std::string_view name, std::string_view text, bool hexDefault = false);

    std::string_view internName(std::string_view prefix, std::string_view call);

    bool wanted(std::string_view system, std::string_view name) const { return !filter_ || filter_(system, name); }
    std::function<bool(std::string_view, std::string_view)> filter_;
    std::vector<RawField> fields_;
    std::vector<RawField>* out_ = &fields_; // where addField appends
    std::string_view name_; // the synthesized name (sys_enter_x) of the last syscall line
    std::string scratch_;
    std::unordered_set<std::string> names_; // node-based: views into it stay valid
    // The last names made, by a hash of the call's length and end bytes: a
    // syscall trace asks for a handful of names millions of times, and
    // hashing the whole name into names_ each time was 40% of tokenizing one.
    struct RecentName {
        std::size_t prefixSize = 0;
        std::string_view call; // a view into `name`, which lives in names_
        std::string_view name;
    };
    std::array<RecentName, 64> recentNames_{};
};

} // namespace aioscope::trace
