#include "trace/ftrace/TraceDatDecoder.h"

#include <traceevent/event-parse.h>

#include <cstdint>
#include <cstring>

namespace aioscope::trace {

TraceDatDecoder::TraceDatDecoder(tep_handle* tep, std::string path, RawEventSink& sink)
    : tep_(tep), path_(std::move(path)), sink_(sink) {}

const TraceDatDecoder::EventLayout& TraceDatDecoder::layoutFor(int type) {
    auto it = layouts_.find(type);
    if (it != layouts_.end())
        return it->second;
    EventLayout layout;
    tep_event* event = tep_find_event(tep_, type);
    if (event) {
        layout.known = true;
        layout.system = event->system ? event->system : "";
        layout.name = event->name ? event->name : "";
        for (tep_format_field* f = event->format.fields; f; f = f->next) {
            FieldLayout fl;
            fl.name = f->name ? f->name : "";
            fl.offset = f->offset;
            fl.size = f->size;
            fl.isSigned = (f->flags & TEP_FIELD_IS_SIGNED) != 0;
            fl.relative = (f->flags & TEP_FIELD_IS_RELATIVE) != 0;
            const bool isChar = f->type && std::strstr(f->type, "char") != nullptr;
            if (f->flags & TEP_FIELD_IS_DYNAMIC)
                fl.kind = isChar ? FieldKind::DynamicString : FieldKind::Other;
            else if ((f->flags & TEP_FIELD_IS_STRING) || ((f->flags & TEP_FIELD_IS_ARRAY) && isChar))
                fl.kind = FieldKind::String;
            else if (!(f->flags & TEP_FIELD_IS_ARRAY) && (f->size == 1 || f->size == 2 || f->size == 4 || f->size == 8))
                fl.kind = FieldKind::Number;
            fl.symbol = fl.kind == FieldKind::Number && (fl.name == "function" || fl.name == "func");
            layout.fields.push_back(std::move(fl));
        }
        layout.wanted = sink_.wantsFields(layout.system, layout.name);
    }
    return layouts_.emplace(type, std::move(layout)).first->second;
}

std::string_view TraceDatDecoder::commOf(int pid) {
    auto it = comms_.find(pid);
    if (it != comms_.end())
        return it->second;
    const char* c = pid == 0 ? "<idle>" : tep_data_comm_from_pid(tep_, pid);
    return comms_.emplace(pid, c ? c : "<...>").first->second;
}

std::string TraceDatDecoder::placeOf(int cpu, std::uint64_t offset, std::uint64_t index) const {
    if (offset < fileSize_)
        return "offset " + std::to_string(offset);
    return "CPU " + std::to_string(cpu) + " record " + std::to_string(index);
}

void TraceDatDecoder::deliver(tep_record* record) {
    const std::uint64_t index = ++recordsPerCpu_[record->cpu];
    if (record->missed_events) {
        lostPerCpu_[record->cpu] += record->missed_events > 0 ? static_cast<std::uint64_t>(record->missed_events) : 0;
        if (!firstLostPlace_.count(record->cpu))
            firstLostPlace_.emplace(record->cpu, placeOf(record->cpu, record->offset, index));
    }
    const auto* data = static_cast<const unsigned char*>(record->data);
    const int size = record->size;
    if (!data || size < 8) {
        if (damaged_++ == 0)
            firstDamagedPlace_ = placeOf(record->cpu, record->offset, index);
        return;
    }
    const int type = tep_data_type(tep_, record);
    const EventLayout& layout = layoutFor(type);
    RawEvent ev;
    ev.ts = static_cast<TimeNs>(record->ts);
    ev.cpu = record->cpu;
    ev.tid = tep_data_pid(tep_, record);
    ev.comm = commOf(ev.tid);
    ev.place = record->offset < fileSize_ ? record->offset : 0; // 0: no place in the file
    ev.offset = record->offset;
    ev.stream = stream_;
    fields_.clear();
    if (!layout.known) {
        ev.name = "unknown";
        ++delivered_;
        sink_.onEvent(ev);
        return;
    }
    ev.system = layout.system;
    ev.name = layout.name;
    bool damaged = false;
    // Both arms lvalues: a temporary arm would make the whole expression a
    // per-event copy of the layouts, and the field names views into it.
    static const std::vector<FieldLayout> kNoFields;
    for (const FieldLayout& fl : layout.wanted ? layout.fields : kNoFields) {
        RawField rf;
        rf.name = fl.name;
        if (fl.offset < 0 || fl.size < 0 || fl.offset + fl.size > size) {
            damaged = true;
            continue;
        }
        const unsigned char* p = data + fl.offset;
        switch (fl.kind) {
        case FieldKind::Number: {
            unsigned long long v = tep_read_number(tep_, p, fl.size);
            if (fl.isSigned && fl.size < 8) {
                const int bits = fl.size * 8;
                const unsigned long long sign = 1ull << (bits - 1);
                v &= (sign << 1) - 1;
                v = (v ^ sign) - sign;
            }
            rf.number = static_cast<std::int64_t>(v);
            rf.isNumber = true;
            if (fl.symbol) {
                const char* fn = tep_find_function(tep_, v);
                if (fn)
                    rf.text = fn;
            }
            break;
        }
        case FieldKind::String: {
            const char* s = reinterpret_cast<const char*>(p);
            rf.text = std::string_view(s, strnlen(s, static_cast<std::size_t>(fl.size)));
            break;
        }
        case FieldKind::DynamicString: {
            if (fl.size != 4) {
                damaged = true;
                break;
            }
            unsigned int loc = static_cast<unsigned int>(tep_read_number(tep_, p, 4));
            int off = static_cast<int>(loc & 0xffff);
            int len = static_cast<int>(loc >> 16);
            if (fl.relative)
                off += fl.offset + fl.size;
            if (off < 0 || len < 0 || off + len > size) {
                damaged = true;
                break;
            }
            const char* s = reinterpret_cast<const char*>(data + off);
            rf.text = std::string_view(s, strnlen(s, static_cast<std::size_t>(len)));
            break;
        }
        case FieldKind::Other:
            break;
        }
        fields_.push_back(rf);
    }
    if (damaged && damaged_++ == 0)
        firstDamagedPlace_ = placeOf(record->cpu, record->offset, index);
    ev.fields = fields_;
    ++delivered_;
    sink_.onEvent(ev);
}

void TraceDatDecoder::flushWarnings() {
    for (const auto& [cpu, lost] : lostPerCpu_)
        sink_.onWarning(
            {ImportProblem::LostEvents,
             path_ + ": " +
                 (firstLostPlace_[cpu].starts_with("CPU ") ? firstLostPlace_[cpu]
                                                           : "CPU " + std::to_string(cpu) + " " + firstLostPlace_[cpu]),
             "the kernel dropped " + (lost ? std::to_string(lost) : std::string("some")) + " events on CPU " +
                 std::to_string(cpu) + " (first gap at this offset)",
             lost ? lost : 1});
    if (damaged_)
        sink_.onWarning(
            {ImportProblem::DamagedRecord, path_ + ": " + firstDamagedPlace_,
             std::to_string(damaged_) + " records are shorter than their format says; their fields were skipped",
             damaged_});
    lostPerCpu_.clear();
    damaged_ = 0;
}

} // namespace aioscope::trace
