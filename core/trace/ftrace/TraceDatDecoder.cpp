#include "trace/ftrace/TraceDatDecoder.h"

#include <traceevent/event-parse.h>

#include <cstdint>
#include <cstring>

namespace aioscope::trace {

namespace {
constexpr std::size_t kCpusInVector = 1024;
} // namespace

TraceDatDecoder::TraceDatDecoder(tep_handle* tep, std::string path, RawEventSink& sink)
    : tep_(tep), path_(std::move(path)), sink_(sink), one_(1) {}

TraceDatDecoder::EventLayout& TraceDatDecoder::layoutFor(int type) {
    auto it = layouts_.find(type);
    if (it != layouts_.end())
        return *it->second;
    auto layout = std::make_unique<EventLayout>();
    tep_event* event = tep_find_event(tep_, type);
    if (event) {
        layout->known = true;
        layout->system = event->system ? event->system : "";
        layout->name = event->name ? event->name : "";
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
            layout->fields.push_back(std::move(fl));
        }
    }
    return *layouts_.emplace(type, std::move(layout)).first->second;
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

bool TraceDatDecoder::decode(tep_record* record, TraceDatEventBlock& block) {
    const auto* data = static_cast<const unsigned char*>(record->data);
    const int size = record->size;
    const bool isShort = !data || size < 8;
    EventLayout* layout = isShort ? nullptr : &layoutFor(tep_data_type(tep_, record));
    // Fields are read into scratch_ (views into the record) first, so the
    // block is asked for exactly the room they need.
    scratch_.clear();
    bool damaged = false;
    std::size_t textBytes = 0;
    const bool readFields = layout && layout->known && layout->wanted.load(std::memory_order_acquire) != 0;
    static const std::vector<FieldLayout> kNoFields;
    for (const FieldLayout& fl : readFields ? layout->fields : kNoFields) {
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
                    rf.text = fn; // the tep's own storage: lives as long as the file is open
            }
            break;
        }
        case FieldKind::String: {
            const char* s = reinterpret_cast<const char*>(p);
            rf.text = std::string_view(s, strnlen(s, static_cast<std::size_t>(fl.size)));
            textBytes += rf.text.size();
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
            textBytes += rf.text.size();
            break;
        }
        case FieldKind::Other: break;
        }
        scratch_.push_back(rf);
    }
    if (!block.hasRoom(scratch_.size(), textBytes))
        return false;

    std::uint64_t* count = nullptr;
    if (record->cpu >= 0 && static_cast<std::size_t>(record->cpu) < kCpusInVector) {
        const auto cpu = static_cast<std::size_t>(record->cpu);
        if (recordsPerCpu_.size() <= cpu)
            recordsPerCpu_.resize(cpu + 1);
        count = &recordsPerCpu_[cpu];
    } else {
        count = &recordsPerOtherCpu_[record->cpu];
    }
    TraceDatEventBlock::Entry& e = block.add();
    e.index = ++*count;
    e.missed = record->missed_events;
    RawEvent& ev = e.event;
    e.recordTs = record->ts;
    ev.cpu = record->cpu;
    ev.offset = record->offset;
    ev.stream = stream_;
    if (isShort) {
        e.flags = TraceDatEventBlock::Short;
        return true;
    }
    ev.ts = static_cast<TimeNs>(record->ts);
    ev.tid = tep_data_pid(tep_, record);
    ev.comm = commOf(ev.tid);
    ev.place = record->offset < fileSize_ ? record->offset : 0; // 0: no place in the file
    if (!layout->known) {
        ev.name = "unknown";
        return true;
    }
    e.layout = layout;
    ev.system = layout->system;
    ev.name = layout->name;
    if (!layout->announced) {
        layout->announced = true;
        e.flags |= TraceDatEventBlock::FirstOfType;
    }
    if (damaged)
        e.flags |= TraceDatEventBlock::FieldsDamaged;
    e.fieldsAt = block.fieldCount();
    e.fieldCount = static_cast<std::uint32_t>(scratch_.size());
    for (const RawField& rf : scratch_) {
        RawField& kept = block.addField();
        kept = rf;
        // Symbol names live in the tep; texts of the record die with it.
        if (!rf.text.empty() && rf.text.data() >= static_cast<const void*>(data) &&
            rf.text.data() < static_cast<const void*>(data + size))
            kept.text = block.keep(rf.text);
    }
    return true;
}

void TraceDatDecoder::deliver(const TraceDatEventBlock& block) {
    for (std::size_t i = 0; i < block.size(); ++i)
        deliver(block, i);
}

void TraceDatDecoder::deliver(const TraceDatEventBlock& block, std::size_t i) {
    const TraceDatEventBlock::Entry& e = block.entry(i);
    const int cpu = e.event.cpu;
    if (e.missed) {
        lostPerCpu_[cpu] += e.missed > 0 ? static_cast<std::uint64_t>(e.missed) : 0;
        if (!firstLostPlace_.count(cpu))
            firstLostPlace_.emplace(cpu, placeOf(cpu, e.event.offset, e.index));
    }
    if (e.flags & TraceDatEventBlock::Short) {
        if (damaged_++ == 0)
            firstDamagedPlace_ = placeOf(cpu, e.event.offset, e.index);
        return;
    }
    RawEvent ev = e.event;
    if (auto* layout = static_cast<EventLayout*>(const_cast<void*>(e.layout))) {
        if (e.flags & TraceDatEventBlock::FirstOfType) {
            // Another decoder's first event of a type the sink was asked about
            // already: the same answer, not the same question twice.
            auto answer = wantedByName_.find({layout->system, layout->name});
            if (answer == wantedByName_.end())
                answer = wantedByName_
                             .emplace(std::pair{layout->system, layout->name},
                                      sink_.wantsFields(layout->system, layout->name))
                             .first;
            layout->wanted.store(answer->second ? 1 : 0, std::memory_order_release);
        }
        if (layout->wanted.load(std::memory_order_relaxed) == 1) {
            ev.fields = block.fieldsOf(e);
            if ((e.flags & TraceDatEventBlock::FieldsDamaged) && damaged_++ == 0)
                firstDamagedPlace_ = placeOf(cpu, e.event.offset, e.index);
        }
    }
    ++delivered_;
    sink_.onEvent(ev);
}

void TraceDatDecoder::deliver(tep_record* record) {
    one_.clear();
    decode(record, one_); // an empty block always has room
    deliver(one_);
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
