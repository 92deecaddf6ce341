#pragma once
#include "model/Ids.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace aioscope::trace {

// One field of a raw event, as the reader found it. Numbers are parsed when
// the format says they are numbers (or the text is a plain integer).
struct RawField {
    std::string_view name;
    std::string_view text;
    std::int64_t number = 0;
    bool isNumber = false;
    // The trace's own name when the reader gave the field its ftrace name
    // (lttng-modules' next_tid is next_pid); empty when it is `name`.
    std::string_view sourceName{};

    std::string_view ownName() const { return sourceName.empty() ? name : sourceName; }
};

// One event, format-free: what tokenizers emit and trackers consume. Names
// are canonical (ftrace's events and fields); where the reader translated
// them, the trace's own spelling rides along for what shows the trace as it
// is (the event index, `aioscope events`). Views are valid only during the
// callback that delivers the event.
struct RawEvent {
    TimeNs ts = 0;
    std::int32_t cpu = -1;
    std::int32_t tid = -1;
    std::int32_t pid = -1;    // thread group id when the source says, else -1
    std::string_view comm;    // may be empty (CTF without context)
    std::string_view system;  // "io_uring", "sched", "syscalls"; empty when unknown
    std::string_view name;    // "io_uring_submit_req", "sched_switch", "sys_enter_pread64"
    // The trace's own spelling when the reader translated the name
    // (lttng-modules' "syscall_entry_pread64", no system); empty name: the same.
    std::string_view sourceSystem;
    std::string_view sourceName{};
    std::span<const RawField> fields;
    std::uint64_t place = 0;  // line number (text) or byte offset / record index (binary); 0 = unknown
    // Where the event index finds it again: the record's offset (trace.dat),
    // the line's byte offset (text), the event's ordinal (CTF); and which
    // buffer of the file holds it (trace.dat instances; 0 = top level).
    std::uint64_t offset = 0;
    std::uint16_t stream = 0;

    std::string_view ownSystem() const { return sourceName.empty() ? system : sourceSystem; }
    std::string_view ownName() const { return sourceName.empty() ? name : sourceName; }

    const RawField* field(std::string_view fieldName) const {
        for (const auto& f : fields)
            if (f.name == fieldName)
                return &f;
        return nullptr;
    }
    std::optional<std::int64_t> number(std::string_view fieldName) const {
        const RawField* f = field(fieldName);
        if (!f || !f->isNumber)
            return std::nullopt;
        return f->number;
    }
    std::string_view text(std::string_view fieldName) const {
        const RawField* f = field(fieldName);
        return f ? f->text : std::string_view{};
    }
};

} // namespace aioscope::trace
