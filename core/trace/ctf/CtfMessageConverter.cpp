#include "trace/ctf/CtfMessageConverter.h"

#include <cinttypes>
#include <cstdio>
#include <cstring>

namespace aioscope::trace {

namespace {

std::int64_t memberIndex(const bt_field_class* structure, const char* name)
{
    if (!structure || !bt_field_class_type_is(bt_field_class_get_type(structure), BT_FIELD_CLASS_TYPE_STRUCTURE))
        return -1;
    const std::uint64_t count = bt_field_class_structure_get_member_count(structure);
    for (std::uint64_t i = 0; i < count; ++i) {
        const auto* member = bt_field_class_structure_borrow_member_by_index_const(structure, i);
        const char* memberName = bt_field_class_structure_member_get_name(member);
        if (memberName && std::strcmp(memberName, name) == 0)
            return static_cast<std::int64_t>(i);
    }
    return -1;
}

// An integer member of a structure field, or `fallback`.
std::int64_t integerMember(const bt_field* structure, std::int64_t index, std::int64_t fallback)
{
    if (!structure || index < 0)
        return fallback;
    const bt_field* f = bt_field_structure_borrow_member_field_by_index_const(structure, static_cast<std::uint64_t>(index));
    const auto type = bt_field_get_class_type(f);
    if (bt_field_class_type_is(type, BT_FIELD_CLASS_TYPE_SIGNED_INTEGER))
        return bt_field_integer_signed_get_value(f);
    if (bt_field_class_type_is(type, BT_FIELD_CLASS_TYPE_UNSIGNED_INTEGER))
        return static_cast<std::int64_t>(bt_field_integer_unsigned_get_value(f));
    return fallback;
}

std::string streamPlace(const bt_stream* stream)
{
    std::string place = "stream ";
    const char* name = stream ? bt_stream_get_name(stream) : nullptr;
    if (name)
        place += name;
    else
        place += std::to_string(stream ? bt_stream_get_id(stream) : 0);
    const bt_trace* trace = stream ? bt_stream_borrow_trace_const(stream) : nullptr;
    if (const char* traceName = trace ? bt_trace_get_name(trace) : nullptr) {
        place += " of trace ";
        place += traceName;
    }
    return place;
}

std::string snapshotText(const bt_clock_snapshot* snapshot)
{
    std::int64_t ns = 0;
    if (!snapshot || bt_clock_snapshot_get_ns_from_origin(snapshot, &ns) != BT_CLOCK_SNAPSHOT_GET_NS_FROM_ORIGIN_STATUS_OK)
        return "?";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%" PRId64 ".%09" PRId64, ns / 1000000000, ns % 1000000000);
    return buf;
}

} // namespace

std::string_view CtfMessageConverter::intern(std::string_view text)
{
    strings_.emplace_back(text);
    return strings_.back();
}

const CtfMessageConverter::EventClassInfo& CtfMessageConverter::eventClassInfo(const bt_event_class* eventClass)
{
    if (eventClass == lastEventClass_)
        return *lastEventInfo_;
    auto [it, inserted] = eventClasses_.try_emplace(eventClass);
    if (inserted) {
        const char* raw = bt_event_class_get_name(eventClass);
        std::string_view full = raw ? raw : "";
        EventClassInfo& info = it->second;
        // lttng-ust names are "provider:event"; kernel names have no colon.
        if (auto colon = full.find(':'); colon != std::string_view::npos) {
            info.system = intern(full.substr(0, colon));
            info.name = intern(full.substr(colon + 1));
        } else if (auto ftrace = LttngKernelNames::toFtrace(full)) {
            info.system = intern(ftrace->system);
            info.name = intern(ftrace->name);
            info.sourceName = intern(full);
            info.renames = LttngKernelNames::fieldRenames(full);
        } else {
            info.name = intern(full);
        }
        info.kind = LttngKernelTaskState::kindOf(info.sourceName.empty() ? info.name : info.sourceName);
    }
    lastEventClass_ = eventClass;
    lastEventInfo_ = &it->second;
    return it->second;
}

const CtfMessageConverter::StreamClassInfo& CtfMessageConverter::streamClassInfo(const bt_stream* stream)
{
    const bt_stream_class* streamClass = bt_stream_borrow_class_const(stream);
    if (streamClass == lastStreamClass_)
        return *lastStreamInfo_;
    auto [it, inserted] = streamClasses_.try_emplace(streamClass);
    if (inserted) {
        StreamClassInfo& info = it->second;
        const bt_trace* trace = bt_stream_borrow_trace_const(stream);
        const bt_value* domain = bt_trace_borrow_environment_entry_value_by_name_const(trace, "domain");
        info.kernel = domain && bt_value_is_string(domain) && std::strcmp(bt_value_string_get(domain), "kernel") == 0;
        info.hasClock = bt_stream_class_borrow_default_clock_class_const(streamClass) != nullptr;
        info.hasPackets = bt_stream_class_supports_packets(streamClass);
        if (info.hasPackets) {
            const bt_field_class* packetContext = bt_stream_class_borrow_packet_context_field_class_const(streamClass);
            info.cpuIdIndex = memberIndex(packetContext, "cpu_id");
            info.packetSizeIndex = memberIndex(packetContext, "packet_size");
        }
        const bt_field_class* common = bt_stream_class_borrow_event_common_context_field_class_const(streamClass);
        info.tidIndex = memberIndex(common, "tid");
        if (info.tidIndex < 0)
            info.tidIndex = memberIndex(common, "vtid");
        info.pidIndex = memberIndex(common, "pid");
        if (info.pidIndex < 0)
            info.pidIndex = memberIndex(common, "vpid");
        info.commIndex = memberIndex(common, "procname");
        for (std::int64_t index : {info.tidIndex, info.pidIndex, info.commIndex})
            if (index >= 0 && index < 64)
                info.contextSkip |= 1ull << index;
    }
    lastStreamClass_ = streamClass;
    lastStreamInfo_ = &it->second;
    return it->second;
}

void CtfMessageConverter::handle(const bt_message* message)
{
    switch (bt_message_get_type(message)) {
    case BT_MESSAGE_TYPE_EVENT:
        handleEvent(message);
        break;
    case BT_MESSAGE_TYPE_DISCARDED_EVENTS:
        handleDiscarded(message, false);
        break;
    case BT_MESSAGE_TYPE_DISCARDED_PACKETS:
        handleDiscarded(message, true);
        break;
    case BT_MESSAGE_TYPE_PACKET_BEGINNING:
        handlePacketBeginning(message);
        break;
    default:
        break;
    }
}

void CtfMessageConverter::handleEvent(const bt_message* message)
{
    const bt_event* event = bt_message_event_borrow_event_const(message);
    const EventClassInfo& eventInfo = eventClassInfo(bt_event_borrow_class_const(event));
    const bt_stream* stream = bt_event_borrow_stream_const(event);
    const StreamClassInfo& streamInfo = streamClassInfo(stream);

    RawEvent raw;
    raw.system = eventInfo.system;
    raw.name = eventInfo.name;
    raw.sourceName = eventInfo.sourceName;
    raw.place = eventsRead_;
    raw.offset = eventsRead_;
    if (streamInfo.hasClock) {
        std::int64_t ns = 0;
        if (bt_clock_snapshot_get_ns_from_origin(bt_message_event_borrow_default_clock_snapshot_const(message), &ns) ==
            BT_CLOCK_SNAPSHOT_GET_NS_FROM_ORIGIN_STATUS_OK)
            raw.ts = ns;
    }
    if (streamInfo.cpuIdIndex >= 0) {
        const bt_packet* packet = bt_event_borrow_packet_const(event);
        raw.cpu = static_cast<std::int32_t>(integerMember(bt_packet_borrow_context_field_const(packet), streamInfo.cpuIdIndex, -1));
    }

    flattener_.begin();
    flattener_.addMembers(bt_event_borrow_payload_field_const(event), "");
    if (const bt_field* common = bt_event_borrow_common_context_field_const(event)) {
        raw.tid = static_cast<std::int32_t>(integerMember(common, streamInfo.tidIndex, -1));
        raw.pid = static_cast<std::int32_t>(integerMember(common, streamInfo.pidIndex, -1));
        if (streamInfo.commIndex >= 0) {
            const bt_field* comm = bt_field_structure_borrow_member_field_by_index_const(common, static_cast<std::uint64_t>(streamInfo.commIndex));
            if (bt_field_class_type_is(bt_field_get_class_type(comm), BT_FIELD_CLASS_TYPE_STRING))
                raw.comm = std::string_view(bt_field_string_get_value(comm), bt_field_string_get_length(comm));
        }
        flattener_.addMembers(common, "context.", streamInfo.contextSkip);
    }
    if (const bt_field* specific = bt_event_borrow_specific_context_field_const(event))
        flattener_.addMembers(specific, "context.");
    const std::span<RawField> fields = flattener_.finish();
    raw.fields = fields;

    // The task state reads the lttng-modules field names: rename after it.
    if (streamInfo.kernel)
        kernelTasks_.apply(eventInfo.kind, raw);
    else if (raw.tid < 0 && kernelTasks_.sawSchedSwitch())
        kernelTasks_.fillFromCpu(raw);
    if (!eventInfo.renames.empty())
        for (RawField& f : fields)
            for (const auto& rename : eventInfo.renames)
                if (f.name == rename.lttngField) {
                    f.sourceName = f.name;
                    f.name = rename.ftraceField;
                    break;
                }

    ++eventsRead_;
    sink_.onEvent(raw);
}

void CtfMessageConverter::handleDiscarded(const bt_message* message, bool packets)
{
    const bt_stream* stream = packets ? bt_message_discarded_packets_borrow_stream_const(message)
                                      : bt_message_discarded_events_borrow_stream_const(message);
    std::uint64_t count = 0;
    const auto availability = packets ? bt_message_discarded_packets_get_count(message, &count)
                                      : bt_message_discarded_events_get_count(message, &count);
    const bool known = availability == BT_PROPERTY_AVAILABILITY_AVAILABLE;
    ImportWarning warning;
    warning.kind = ImportProblem::LostEvents;
    warning.place = streamPlace(stream);
    warning.count = known ? count : 1;
    std::string what = known ? std::to_string(count) : std::string("an unknown number of");
    warning.message = "the tracer discarded " + what + (packets ? " packets" : " events");
    const bt_stream_class* streamClass = bt_stream_borrow_class_const(stream);
    const bool haveTimes = packets ? bt_stream_class_discarded_packets_have_default_clock_snapshots(streamClass)
                                   : bt_stream_class_discarded_events_have_default_clock_snapshots(streamClass);
    if (haveTimes) {
        const bt_clock_snapshot* begin = packets ? bt_message_discarded_packets_borrow_beginning_default_clock_snapshot_const(message)
                                                 : bt_message_discarded_events_borrow_beginning_default_clock_snapshot_const(message);
        const bt_clock_snapshot* end = packets ? bt_message_discarded_packets_borrow_end_default_clock_snapshot_const(message)
                                               : bt_message_discarded_events_borrow_end_default_clock_snapshot_const(message);
        warning.message += " between " + snapshotText(begin) + " s and " + snapshotText(end) + " s";
    }
    sink_.onWarning(warning);
}

void CtfMessageConverter::handlePacketBeginning(const bt_message* message)
{
    const bt_packet* packet = bt_message_packet_beginning_borrow_packet_const(message);
    const StreamClassInfo& info = streamClassInfo(bt_packet_borrow_stream_const(packet));
    const std::int64_t bits = integerMember(bt_packet_borrow_context_field_const(packet), info.packetSizeIndex, 0);
    if (bits > 0)
        packetBytes_ += static_cast<std::uint64_t>(bits) / 8;
}

} // namespace aioscope::trace
